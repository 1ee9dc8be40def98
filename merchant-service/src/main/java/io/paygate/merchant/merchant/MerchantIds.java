package io.paygate.merchant.merchant;

import io.paygate.merchant.Base32;

import java.util.regex.Pattern;

/** Merchant ids: {@code mer_} and 26 random base32 characters (130 bits), like Checkout.com's entity ids. */
public final class MerchantIds {

    private static final String PREFIX = "mer_";
    private static final Pattern SHAPE = Pattern.compile("mer_[a-z2-7]{26}");

    private MerchantIds() {
    }

    public static String next() {
        return PREFIX + Base32.random(26);
    }

    public static boolean isWellFormed(String id) {
        return id != null && SHAPE.matcher(id).matches();
    }
}
