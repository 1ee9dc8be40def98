package io.paygate.payment.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdentifierTest {

    @Test
    void identifiers_have_the_checkout_shape_and_do_not_repeat() {
        PaymentId first = PaymentId.generate();

        assertThat(first.value()).matches("pay_[a-z2-7]{26}");
        assertThat(PaymentId.generate()).isNotEqualTo(first);
        assertThat(PaymentId.parse(first.value())).contains(first);
        assertThat(PaymentId.parse("pay_123")).isEmpty();
        assertThat(PaymentId.parse("act_" + first.value().substring(4))).isEmpty();
    }

    @Test
    void action_ids_have_their_own_prefix() {
        assertThat(ActionId.generate().value()).matches("act_[a-z2-7]{26}");
    }
}
