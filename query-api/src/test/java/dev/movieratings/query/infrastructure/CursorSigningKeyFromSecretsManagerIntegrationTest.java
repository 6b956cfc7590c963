package dev.movieratings.query.infrastructure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.movieratings.credentials.DatabaseSecret;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** On AWS the cursor key comes from Secrets Manager, whose real API is stubbed here at the HTTP level. */
class CursorSigningKeyFromSecretsManagerIntegrationTest {

    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:cursor-key-abc";
    private final WireMockServer secretsManager =
            new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    @BeforeEach
    void start() {
        secretsManager.start();
        System.setProperty("aws.region", "eu-west-1");
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "secret");
    }

    @AfterEach
    void stop() {
        secretsManager.stop();
    }

    @Test
    void theKeyIsTheSecretsBase64StringAndAShortOneStopsTheStart() {
        byte[] key = new byte[33];
        key[0] = 7;
        answer(Base64.getEncoder().encodeToString(key));
        try (var client = DatabaseSecret.client(secretsManager.baseUrl())) {
            assertThat(CursorSigningKey.configured("", ARN, client).bytes()).isEqualTo(key);
        }
        secretsManager.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(containing(ARN)));

        answer(Base64.getEncoder().encodeToString(new byte[16]));
        try (var client = DatabaseSecret.client(secretsManager.baseUrl())) {
            assertThatThrownBy(() -> CursorSigningKey.configured("", ARN, client))
                    .hasMessageContaining("secret " + ARN)
                    .hasMessageContaining("16 bytes");
            assertThatThrownBy(() -> CursorSigningKey.configured("aGVsbG8=", ARN, client))
                    .as("both settings at once")
                    .hasMessageContaining("exactly one");
        }
    }

    private void answer(String secretString) {
        secretsManager.resetAll();
        secretsManager.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"ARN\":\"" + ARN + "\",\"Name\":\"cursor-key\",\"SecretString\":\"" + secretString
                                + "\",\"VersionId\":\"v1\"}")));
    }
}
