package graphservice;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Neo4j Community embedded, with Bolt on 127.0.0.1:PORT, data in DIR and authentication on.
 *
 * <p>Usage: {@code LocalNeo4j PORT DIR PASSWORD}. Prints {@code READY bolt://127.0.0.1:PORT} when it
 * answers; stops cleanly on SIGTERM, or when its standard input closes (its parent has exited).
 */
public final class LocalNeo4j {
    private LocalNeo4j() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: LocalNeo4j PORT DIR PASSWORD");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path home = Path.of(args[1]).toAbsolutePath();
        String password = args[2];
        DatabaseManagementService service = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(60))
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.shutdown();
            stopped.countDown();
        }));
        service.database("system").executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        System.out.println("READY bolt://127.0.0.1:" + port);
        System.out.flush();
        Thread watcher = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() != -1) {
                    // Nothing is read from the parent; its end of the pipe closing is the signal.
                }
            } catch (IOException ignored) {
                // A broken pipe means the same: the parent is gone.
            }
            System.exit(0);
        });
        watcher.setDaemon(true);
        watcher.start();
        stopped.await();
    }
}
