package io.paygate.merchant.admin;

import io.paygate.merchant.merchant.AcquirerContract;
import io.paygate.merchant.merchant.SupportedAcquirers;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CreateMerchantRequestTest {

    private static final SupportedAcquirers PIGGYBANK_ONLY = new SupportedAcquirers(List.of("piggybank"), Map.of());

    @Test
    void accepts_a_complete_request() {
        var request = request("Books & Co", "piggybank", "piggy-42", List.of("GBP", "JPY"));

        assertThat(request.errorCodes(PIGGYBANK_ONLY)).isEmpty();
    }

    @Test
    void requires_every_field() {
        var request = request(null, null, null, null);

        assertThat(request.errorCodes(PIGGYBANK_ONLY)).containsExactly(
                "name_required", "acquirer_required", "acquirer_merchant_id_required", "currencies_required");
    }

    @Test
    void counts_blank_text_and_an_empty_currency_list_as_missing() {
        var request = request("  ", "", "\t", List.of());

        assertThat(request.errorCodes(PIGGYBANK_ONLY)).containsExactly(
                "name_required", "acquirer_required", "acquirer_merchant_id_required", "currencies_required");
    }

    @Test
    void allows_names_up_to_100_characters() {
        assertThat(withName("n".repeat(100)).errorCodes(PIGGYBANK_ONLY)).isEmpty();
        assertThat(withName("n".repeat(101)).errorCodes(PIGGYBANK_ONLY)).containsExactly("name_too_long");
    }

    @Test
    void refuses_an_acquirer_without_an_adapter() {
        var request = request("Books & Co", "moneybags", "piggy-42", List.of("GBP"));

        assertThat(request.errorCodes(PIGGYBANK_ONLY)).containsExactly("acquirer_not_supported");
    }

    @Test
    void refuses_an_overlong_acquirer_merchant_id() {
        var request = request("Books & Co", "piggybank", "p".repeat(101), List.of("GBP"));

        assertThat(request.errorCodes(PIGGYBANK_ONLY)).containsExactly("acquirer_merchant_id_too_long");
    }

    @Test
    void holds_a_contract_to_its_acquirers_own_merchant_id_length() {
        var lionBankTakesFifteen = new SupportedAcquirers(List.of("piggybank", "lionbank"), Map.of("lionbank", 15));

        assertThat(request("Books & Co", "lionbank", "l".repeat(15), List.of("GBP")).errorCodes(lionBankTakesFifteen))
                .isEmpty();
        assertThat(request("Books & Co", "lionbank", "l".repeat(16), List.of("GBP")).errorCodes(lionBankTakesFifteen))
                .containsExactly("acquirer_merchant_id_too_long");
        assertThat(request("Books & Co", "piggybank", "p".repeat(16), List.of("GBP")).errorCodes(lionBankTakesFifteen))
                .isEmpty();
    }

    @Test
    void accepts_only_iso_4217_currency_codes() {
        assertThat(withCurrencies("GBP", "XYZ").errorCodes(PIGGYBANK_ONLY)).containsExactly("currency_invalid");
        assertThat(withCurrencies("gbp").errorCodes(PIGGYBANK_ONLY)).containsExactly("currency_invalid");
        assertThat(withCurrencies("GB").errorCodes(PIGGYBANK_ONLY)).containsExactly("currency_invalid");
        assertThat(withCurrencies("GBP", null).errorCodes(PIGGYBANK_ONLY)).containsExactly("currency_invalid");
        assertThat(withCurrencies("EUR", "USD", "JPY", "KWD").errorCodes(PIGGYBANK_ONLY)).isEmpty();
    }

    @Test
    void makes_a_contract_with_each_currency_once_and_trimmed_text() {
        var request = request(" Books & Co ", "piggybank", " piggy-42 ", List.of("GBP", "EUR", "GBP"));

        assertThat(request.trimmedName()).isEqualTo("Books & Co");
        assertThat(request.contract()).isEqualTo(new AcquirerContract("piggybank", "piggy-42", List.of("GBP", "EUR"), null));
    }

    private static CreateMerchantRequest withName(String name) {
        return request(name, "piggybank", "piggy-42", List.of("GBP"));
    }

    private static CreateMerchantRequest withCurrencies(String... currencies) {
        return request("Books & Co", "piggybank", "piggy-42", Arrays.asList(currencies));
    }

    private static CreateMerchantRequest request(String name, String acquirer, String acquirerMerchantId,
                                                 List<String> currencies) {
        return new CreateMerchantRequest(name, new ContractRequest(acquirer, acquirerMerchantId, currencies, null, null));
    }
}
