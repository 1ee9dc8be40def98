package io.paygate.merchant.admin;

import io.paygate.merchant.admin.MerchantResponses.CreatedMerchant;
import io.paygate.merchant.admin.MerchantResponses.MerchantDetails;
import io.paygate.merchant.merchant.MerchantIds;
import io.paygate.merchant.merchant.MerchantRegistration;
import io.paygate.merchant.merchant.MerchantRegistration.RegisteredMerchant;
import io.paygate.merchant.merchant.MerchantStore;
import io.paygate.merchant.merchant.SupportedAcquirers;
import io.paygate.merchant.web.RequestInvalidException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/** Merchant administration; {@link AdminTokenFilter} has let only the admin in. */
@RestController
@RequestMapping("/merchants")
class MerchantAdminController {

    private final MerchantRegistration registration;
    private final MerchantStore merchants;
    private final SupportedAcquirers acquirers;

    MerchantAdminController(MerchantRegistration registration, MerchantStore merchants, SupportedAcquirers acquirers) {
        this.registration = registration;
        this.merchants = merchants;
        this.acquirers = acquirers;
    }

    @PostMapping
    ResponseEntity<CreatedMerchant> create(@RequestBody CreateMerchantRequest request) {
        List<String> errorCodes = request.errorCodes(acquirers);
        if (!errorCodes.isEmpty()) {
            throw new RequestInvalidException(errorCodes);
        }
        RegisteredMerchant registered = registration.register(request.trimmedName(), request.contract());
        // Relative, so that it stays right behind the gateway.
        URI location = URI.create("/merchants/" + registered.merchant().id());
        return ResponseEntity.created(location).body(CreatedMerchant.of(registered));
    }

    @GetMapping("/{id}")
    ResponseEntity<MerchantDetails> get(@PathVariable String id) {
        if (!MerchantIds.isWellFormed(id)) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.of(merchants.findById(id).map(MerchantDetails::of));
    }
}
