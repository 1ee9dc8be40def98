package io.paygate.merchant.admin;

import io.paygate.merchant.Base32;
import io.paygate.merchant.ServiceIntegrationTest;
import io.paygate.merchant.apikey.ApiKey;
import io.paygate.merchant.apikey.MerchantApiKey;
import io.paygate.merchant.merchant.AcquirerContract;
import io.paygate.merchant.merchant.Merchant;
import io.paygate.merchant.merchant.MerchantIds;
import io.paygate.merchant.merchant.MerchantStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.assertj.RestTestClientResponse;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** In a database of its own, so that it knows every merchant there is. */
@TestPropertySource(properties = "spring.mongodb.database=paygate-merchants-listing")
class MerchantListingApiTest extends ServiceIntegrationTest {

    private static final Instant FIRST_SIGN_UP = Instant.parse("2026-01-01T09:00:00Z");
    private static final AcquirerContract CONTRACT = new AcquirerContract("piggybank", "piggy-7", List.of("GBP"), null);

    @Autowired
    MerchantStore merchants;

    @Autowired
    MongoTemplate mongo;

    @BeforeEach
    void noMerchants() {
        mongo.remove(new Query(), Merchant.class);
    }

    @Test
    void lists_merchants_newest_first_one_page_at_a_time() {
        List<String> oldestFirst = IntStream.range(0, 5).mapToObj(this::signUp).toList();

        assertThat(page("?limit=2")).isEqualTo(new Page(2, 0, 5, List.of(oldestFirst.get(4), oldestFirst.get(3))));
        assertThat(page("?limit=2&skip=2"))
                .isEqualTo(new Page(2, 2, 5, List.of(oldestFirst.get(2), oldestFirst.get(1))));
        assertThat(page("?skip=4&limit=2")).isEqualTo(new Page(2, 4, 5, List.of(oldestFirst.get(0))));
        assertThat(page("?skip=5")).isEqualTo(new Page(20, 5, 5, List.of()));
    }

    @Test
    void answers_twenty_merchants_unless_asked_for_up_to_a_hundred() {
        List<String> oldestFirst = IntStream.range(0, 101).mapToObj(this::signUp).toList();

        Page firstPage = page("");
        assertThat(firstPage.limit()).isEqualTo(20);
        assertThat(firstPage.totalCount()).isEqualTo(101);
        assertThat(firstPage.ids()).containsExactlyElementsOf(oldestFirst.reversed().subList(0, 20));
        assertThat(page("?limit=100").ids()).containsExactlyElementsOf(oldestFirst.reversed().subList(0, 100));
    }

    @Test
    void orders_merchants_created_in_the_same_millisecond_by_id_so_pages_never_overlap() {
        signUp(0, "mer_cccccccccccccccccccccccccc");
        signUp(0, "mer_aaaaaaaaaaaaaaaaaaaaaaaaaa");
        signUp(0, "mer_bbbbbbbbbbbbbbbbbbbbbbbbbb");

        assertThat(page("?limit=2").ids())
                .containsExactly("mer_aaaaaaaaaaaaaaaaaaaaaaaaaa", "mer_bbbbbbbbbbbbbbbbbbbbbbbbbb");
        assertThat(page("?limit=2&skip=2").ids()).containsExactly("mer_cccccccccccccccccccccccccc");
    }

    @Test
    void shows_each_merchant_as_reading_it_does() {
        JsonNode created = body(createMerchant(VALID_MERCHANT));

        JsonNode listed = body(get("/merchants", "Bearer " + ADMIN_TOKEN));

        assertThat(listed.propertyNames()).containsExactly("limit", "skip", "total_count", "data");
        assertThat(listed.get("data").get(0))
                .isEqualTo(body(get("/merchants/" + created.get("id").asString(), "Bearer " + ADMIN_TOKEN)));
        assertThat(listed.toString()).doesNotContain(created.get("api_key").asString().substring("sk_sbox_".length()));
    }

    @Test
    void refuses_a_page_that_is_out_of_range_or_not_a_whole_number() {
        for (String limit : List.of("0", "101", "-1", "abc", "1.5", "", "99999999999")) {
            assertPagingInvalid("?limit=" + limit, "paging_limit_invalid");
        }
        for (String skip : List.of("-1", "x", "2.0", "", "99999999999")) {
            assertPagingInvalid("?skip=" + skip, "paging_skip_invalid");
        }
        assertPagingInvalid("?limit=0&skip=-5", "paging_limit_invalid", "paging_skip_invalid");
    }

    private void assertPagingInvalid(String query, String... errorCodes) {
        RestTestClientResponse response = get("/merchants" + query, "Bearer " + ADMIN_TOKEN);

        assertThat(response).as(query).hasStatus(422);
        JsonNode error = body(response);
        assertThat(error.get("error_type").asString()).isEqualTo("request_invalid");
        assertThat(error.get("error_codes").values()).as(query).extracting(JsonNode::asString)
                .containsExactly(errorCodes);
    }

    private String signUp(int minute) {
        return signUp(minute, MerchantIds.next());
    }

    /** A merchant that signed up {@code minute} minutes after the first. */
    private String signUp(int minute, String id) {
        ApiKey key = ApiKey.generateSandbox();
        Instant createdOn = FIRST_SIGN_UP.plusSeconds(60L * minute);
        MerchantApiKey firstKey =
                new MerchantApiKey("key_" + Base32.random(26), key.hash(), key.displayPrefix(), createdOn, null);
        merchants.insert(new Merchant(id, "Shop " + minute, CONTRACT, createdOn, List.of(firstKey),
                List.of(key.hash())));
        return id;
    }

    private Page page(String query) {
        RestTestClientResponse response = get("/merchants" + query, "Bearer " + ADMIN_TOKEN);
        assertThat(response).hasStatusOk();
        JsonNode list = body(response);
        return new Page(list.get("limit").asInt(), list.get("skip").asLong(), list.get("total_count").asLong(),
                list.get("data").values().stream().map(merchant -> merchant.get("id").asString()).toList());
    }

    private record Page(int limit, long skip, long totalCount, List<String> ids) {
    }
}
