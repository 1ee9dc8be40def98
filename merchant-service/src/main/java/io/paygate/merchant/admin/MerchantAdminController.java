package io.paygate.merchant.admin;

import io.paygate.merchant.admin.MerchantResponses.CreatedMerchant;
import io.paygate.merchant.admin.MerchantResponses.MerchantDetails;
import io.paygate.merchant.admin.MerchantResponses.MerchantList;
import io.paygate.merchant.merchant.MerchantIds;
import io.paygate.merchant.merchant.MerchantRegistration;
import io.paygate.merchant.merchant.MerchantRegistration.RegisteredMerchant;
import io.paygate.merchant.merchant.MerchantStore;
import io.paygate.merchant.merchant.SupportedAcquirers;
import io.paygate.merchant.web.ErrorResponse;
import io.paygate.merchant.web.RequestInvalidException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/** Merchant administration; {@link AdminTokenFilter} has let only the admin in. */
@RestController
@RequestMapping("/merchants")
@Tag(name = "Merchants", description = "Merchants and their acquirer contracts.")
@SecurityRequirement(name = OpenApiConfiguration.ADMIN_TOKEN)
@ApiResponse(responseCode = "401", description = OpenApiConfiguration.UNAUTHORIZED, content = @Content)
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
    @Operation(operationId = "createMerchant", summary = "Create a merchant",
            description = "Creates a merchant with its acquirer contract and its first API key, which this answer "
                    + "shows once: PayGate stores only its hash.")
    @ApiResponse(responseCode = "201", description = "The merchant was created.",
            headers = @Header(name = "Location", description = "The merchant's path.",
                    schema = @Schema(type = "string", example = "/merchants/mer_y3oqhf46pyzuxjbcn2giaqnb44")))
    @ApiResponse(responseCode = "400", description = OpenApiConfiguration.MALFORMED,
            content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    @ApiResponse(responseCode = "422", description = OpenApiConfiguration.INVALID_MERCHANT,
            content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
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

    @GetMapping
    @Operation(operationId = "listMerchants", summary = "List merchants",
            description = "Every merchant, newest first, one page at a time.")
    @ApiResponse(responseCode = "200", description = "One page of merchants.")
    @ApiResponse(responseCode = "422", description = "limit or skip is out of range or not a whole number "
            + "(paging_limit_invalid, paging_skip_invalid).",
            content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    MerchantList list(
            @Parameter(description = "How many merchants to answer, 1 to 100.",
                    schema = @Schema(type = "integer", format = "int32", minimum = "1",
                            maximum = "" + Paging.MAX_LIMIT, defaultValue = "" + Paging.DEFAULT_LIMIT),
                    example = "20")
            @RequestParam(required = false) String limit,
            @Parameter(description = "How many of the newest merchants to skip: 0 for the first page.",
                    schema = @Schema(type = "integer", format = "int32", minimum = "0", defaultValue = "0"),
                    example = "0")
            @RequestParam(required = false) String skip) {
        Paging paging = Paging.of(limit, skip);
        long totalCount = merchants.count();
        List<MerchantDetails> page = merchants.newestFirst(paging.skip(), paging.limit()).stream()
                .map(MerchantDetails::of)
                .toList();
        return new MerchantList(paging.limit(), paging.skip(), totalCount, page);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getMerchant", summary = "Get a merchant",
            description = "The merchant, its acquirer contract and its API keys by id and prefix.")
    @ApiResponse(responseCode = "200", description = "The merchant.")
    @ApiResponse(responseCode = "404", description = OpenApiConfiguration.NO_MERCHANT, content = @Content)
    ResponseEntity<MerchantDetails> get(@Parameter(description = "The merchant's id.",
            example = "mer_y3oqhf46pyzuxjbcn2giaqnb44") @PathVariable String id) {
        if (!MerchantIds.isWellFormed(id)) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.of(merchants.findById(id).map(MerchantDetails::of));
    }

    @PutMapping("/{id}/contract")
    @Operation(operationId = "changeMerchantContract", summary = "Change a merchant's acquirer contract",
            description = "Replaces the merchant's acquirer, acquirer merchant id, currencies, rate limit and routing "
                    + "rules, validated as on creation; a field left out is not kept but dropped (no rate limit of "
                    + "its own, no routing rules). merchant-service answers the gateway's API-key look-ups with the "
                    + "new contract at once; the gateway caches a look-up for at most "
                    + "paygate.gateway.api-key-cache-ttl (30 s by default), so payments through it may follow the old contract for up to that long.")
    @ApiResponse(responseCode = "200", description = "The merchant under its new contract.")
    @ApiResponse(responseCode = "400", description = OpenApiConfiguration.MALFORMED,
            content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    @ApiResponse(responseCode = "404", description = OpenApiConfiguration.NO_MERCHANT, content = @Content)
    @ApiResponse(responseCode = "422", description = OpenApiConfiguration.INVALID_CONTRACT,
            content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    ResponseEntity<MerchantDetails> changeContract(@Parameter(description = "The merchant's id.",
            example = "mer_y3oqhf46pyzuxjbcn2giaqnb44") @PathVariable String id,
            @RequestBody ContractRequest request) {
        if (!MerchantIds.isWellFormed(id)) {
            return ResponseEntity.notFound().build();
        }
        List<String> errorCodes = request.errorCodes(acquirers);
        if (!errorCodes.isEmpty()) {
            throw new RequestInvalidException(errorCodes);
        }
        return ResponseEntity.of(merchants.changeContract(id, request.contract()).map(MerchantDetails::of));
    }
}
