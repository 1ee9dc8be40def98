package io.paygate.gateway.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the gateway signs what it forwards ({@code paygate.gateway.signing.*}).
 *
 * @param keys      the signing keys, {@code id:base64-32-bytes,...}; the services must hold every one of them
 * @param activeKey the key new requests are signed with; the first one when unset
 * @param maxBody   the largest request body the gateway forwards; a larger one is answered 413 before the rest of it
 *                  is read
 */
@ConfigurationProperties("paygate.gateway.signing")
public record SigningSettings(String keys, String activeKey, @DefaultValue("64KB") DataSize maxBody) {
}
