package example;

import io.mockfactory.client.credentials.PostgresCredentials;
import io.mockfactory.client.credentials.S3Credentials;
import io.mockfactory.junit5.MockFactoryEnvironment;
import io.mockfactory.junit5.Service;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A real pgvector and a real S3 for this class, gone afterwards: nothing else to set up. */
@MockFactoryEnvironment(services = {"postgresql_pgvector", "aws_s3"})
class VectorSearchTest {
    @Service("postgresql_pgvector")
    PostgresCredentials pg;

    @Test
    void findsTheNearestDocument() throws Exception {
        try (Connection db = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
             Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE docs (name text, embedding vector(3))");
            sql.execute("INSERT INTO docs VALUES ('cats', '[1,0,0]'), ('dogs', '[0,1,0]'), ('fish', '[0,0,1]')");
            try (ResultSet nearest = sql.executeQuery("SELECT name FROM docs ORDER BY embedding <-> '[0.9,0.2,0]' LIMIT 1")) {
                nearest.next();
                assertEquals("cats", nearest.getString(1));
            }
        }
    }

    @Test
    void storesAndReadsBackADocument(@Service("aws_s3") S3Credentials s3) {
        try (S3Client client = S3Client.builder().endpointOverride(s3.endpoint()).region(Region.of(s3.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s3.accessKeyId(), s3.secretAccessKey())))
                .build()) {
            client.createBucket(bucket -> bucket.bucket("docs"));
            client.putObject(put -> put.bucket("docs").key("cats.txt"), RequestBody.fromString("meow"));
            String read = client.getObjectAsBytes(get -> get.bucket("docs").key("cats.txt")).asString(StandardCharsets.UTF_8);
            assertEquals("meow", read);
        }
    }
}
