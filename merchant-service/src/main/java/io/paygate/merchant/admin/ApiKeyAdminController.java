package io.paygate.merchant.admin;

import io.paygate.merchant.admin.MerchantResponses.NewApiKey;
import io.paygate.merchant.merchant.ApiKeyRotation;
import io.paygate.merchant.merchant.MerchantIds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Issuing and revoking a merchant's API keys; {@link AdminTokenFilter} has let only the admin in. */
@RestController
@RequestMapping("/merchants/{id}/api-keys")
@Tag(name = "API keys", description = "A merchant's secret API keys. A merchant may hold several live keys, so "
        + "that it can rotate them: issue a new key, take it into use, then revoke the old one.")
@SecurityRequirement(name = OpenApiConfiguration.ADMIN_TOKEN)
@ApiResponse(responseCode = "401", description = OpenApiConfiguration.UNAUTHORIZED, content = @Content)
class ApiKeyAdminController {

    private final ApiKeyRotation rotation;

    ApiKeyAdminController(ApiKeyRotation rotation) {
        this.rotation = rotation;
    }

    @PostMapping
    @Operation(operationId = "issueApiKey", summary = "Issue an API key",
            description = "Gives the merchant one more live API key, beside those it holds, and shows it in this "
                    + "answer only: PayGate stores only its hash. It works at once.")
    @ApiResponse(responseCode = "201", description = "The new key.")
    @ApiResponse(responseCode = "404", description = OpenApiConfiguration.NO_MERCHANT, content = @Content)
    ResponseEntity<NewApiKey> issue(@Parameter(description = "The merchant's id.",
            example = "mer_y3oqhf46pyzuxjbcn2giaqnb44") @PathVariable String id) {
        if (!MerchantIds.isWellFormed(id)) {
            return ResponseEntity.notFound().build();
        }
        return rotation.issue(id)
                .map(issued -> ResponseEntity.status(HttpStatus.CREATED).body(NewApiKey.of(issued)))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @DeleteMapping("/{keyId}")
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key",
            description = "Revokes the key for good; revoking a revoked key changes nothing. merchant-service's "
                    + "API-key look-up stops finding the key at once; the gateway caches a look-up for at most "
                    + "paygate.gateway.api-key-cache-ttl (30 s by default), so the key may still authenticate "
                    + "payments through it for up to that long. Revoking the merchant's last live key is allowed: "
                    + "the merchant then cannot pay until it is issued a new one.")
    @ApiResponse(responseCode = "204", description = "The key is revoked.")
    @ApiResponse(responseCode = "404", description = "There is no such merchant, or it has no key with this id.",
            content = @Content)
    ResponseEntity<Void> revoke(
            @Parameter(description = "The merchant's id.", example = "mer_y3oqhf46pyzuxjbcn2giaqnb44")
            @PathVariable String id,
            @Parameter(description = "The key's id.", example = "key_ctyq6ka2ewnuvbt4cgkmxl6jvu")
            @PathVariable String keyId) {
        if (MerchantIds.isWellFormed(id) && rotation.revoke(id, keyId)) {
            return ResponseEntity.noContent().build();
        }
        return ResponseEntity.notFound().build();
    }
}
