package io.paygate.merchant.lookup;

import io.paygate.events.merchant.ApiKeyLookup;
import io.paygate.events.merchant.MerchantContract;
import io.paygate.merchant.apikey.ApiKey;
import io.paygate.merchant.merchant.MerchantStore;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The gateway's internal question "whose key is this?". The gateway never routes this path from outside;
 * the key comes in the body so that no access log records it.
 */
@RestController
class ApiKeyLookupController {

    private final MerchantStore merchants;

    ApiKeyLookupController(MerchantStore merchants) {
        this.merchants = merchants;
    }

    @PostMapping(ApiKeyLookup.PATH)
    ResponseEntity<MerchantContract> lookUp(@RequestBody ApiKeyLookup lookup) {
        return ApiKey.parse(lookup.apiKey())
                .flatMap(key -> merchants.findByLiveKeyHash(key.hash()))
                .map(merchant -> ResponseEntity.ok(merchant.toContract()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
