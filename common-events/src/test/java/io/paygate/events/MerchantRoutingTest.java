package io.paygate.events;

import io.paygate.events.merchant.AcquirerRoute;
import io.paygate.events.merchant.MerchantContract;
import io.paygate.events.merchant.RoutingHeader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MerchantRoutingTest {

    private static final AcquirerRoute LION_FOR_EUR = new AcquirerRoute("lionbank", "LION-7", List.of("EUR"), List.of());
    private static final AcquirerRoute PIGGY_FOR_AMEX =
            new AcquirerRoute("piggybank", "piggy-amex", List.of(), List.of("amex"));
    private static final AcquirerRoute LION_FALLBACK = AcquirerRoute.any("lionbank", "LION-7");

    private final MerchantContract contract = new MerchantContract("mer_1", "piggybank", "piggy-1",
            List.of("GBP", "EUR"), null, List.of(LION_FOR_EUR, PIGGY_FOR_AMEX, LION_FALLBACK));

    @Test
    void aPaymentGoesToTheFirstMatchingRuleThenFailsOverInOrderEachAcquirerOnce() {
        assertThat(contract.routesFor("EUR", "Visa")).containsExactly(LION_FOR_EUR,
                AcquirerRoute.any("piggybank", "piggy-1"));
        assertThat(contract.routesFor("GBP", "Amex")).containsExactly(PIGGY_FOR_AMEX, LION_FALLBACK);
        assertThat(contract.routesFor("GBP", "Visa")).containsExactly(LION_FALLBACK,
                AcquirerRoute.any("piggybank", "piggy-1"));
    }

    @Test
    void withoutRulesEveryPaymentGoesToTheDefaultAcquirer() {
        MerchantContract plain = new MerchantContract("mer_1", "piggybank", "piggy-1", List.of("GBP"));

        assertThat(plain.routesFor("GBP", "Visa")).containsExactly(AcquirerRoute.any("piggybank", "piggy-1"));
    }

    @Test
    void theHeaderCarriesEveryRuleAndAnyCharacterOfAMerchantId() {
        List<AcquirerRoute> routing = List.of(
                new AcquirerRoute("lionbank", "a;b|c,d %e+é", List.of("EUR", "USD"), List.of("visa", "mastercard")),
                AcquirerRoute.any("piggybank", null));

        String header = RoutingHeader.format(routing);

        assertThat(header).doesNotContain(" ").doesNotContain("é");
        assertThat(RoutingHeader.parse(header)).isEqualTo(routing);
        assertThat(RoutingHeader.parse(RoutingHeader.format(List.of()))).isEmpty();
        assertThat(RoutingHeader.parse(null)).isEmpty();
    }

    @Test
    void aHeaderOfAnotherShapeIsRefused() {
        assertThatThrownBy(() -> RoutingHeader.parse("lionbank;LION-7")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RoutingHeader.parse(";x;;")).isInstanceOf(IllegalArgumentException.class);
    }
}
