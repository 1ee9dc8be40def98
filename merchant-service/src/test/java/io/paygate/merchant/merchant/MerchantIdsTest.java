package io.paygate.merchant.merchant;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class MerchantIdsTest {

    @Test
    void generates_ids_of_mer_and_26_base32_characters() {
        IntStream.range(0, 1_000).mapToObj(i -> MerchantIds.next())
                .forEach(id -> assertThat(id).matches("mer_[a-z2-7]{26}"));
    }

    @Test
    void never_generates_the_same_id_twice() {
        Set<String> ids = new HashSet<>();
        IntStream.range(0, 10_000).forEach(i -> ids.add(MerchantIds.next()));

        assertThat(ids).hasSize(10_000);
    }

    @Test
    void draws_on_the_whole_base32_alphabet() {
        Set<Integer> characters = new HashSet<>();
        IntStream.range(0, 200).forEach(i -> MerchantIds.next().substring(4).chars().forEach(characters::add));

        assertThat(characters).hasSize(32);
    }

    @Test
    void tells_well_formed_ids_from_others() {
        assertThat(MerchantIds.isWellFormed(MerchantIds.next())).isTrue();
        assertThat(MerchantIds.isWellFormed(DemoMerchant.ID)).isTrue();
        assertThat(MerchantIds.isWellFormed(null)).isFalse();
        assertThat(MerchantIds.isWellFormed("mer_")).isFalse();
        assertThat(MerchantIds.isWellFormed("mer_aaaaaaaaaaaaaaaaaaaaaaaaa1")).isFalse();
        assertThat(MerchantIds.isWellFormed("pay_aaaaaaaaaaaaaaaaaaaaaaaaaa")).isFalse();
    }
}
