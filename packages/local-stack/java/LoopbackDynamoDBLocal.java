import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Starts DynamoDB Local bound to one host (127.0.0.1 by default) instead of every interface,
 * and exits when its parent closes our stdin, so that a killed parent never leaves a JVM behind.
 * Usage: java ... LoopbackDynamoDBLocal <host> <DynamoDBLocal arguments...>
 */
public final class LoopbackDynamoDBLocal {
  public static void main(String[] args) throws Exception {
    String host = args[0];
    String[] dynamoArgs = java.util.Arrays.copyOfRange(args, 1, args.length);
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(dynamoArgs);
    Field serverField = DynamoDBProxyServer.class.getDeclaredField("server");
    serverField.setAccessible(true);
    Server jetty = (Server) serverField.get(proxy);
    for (Connector connector : jetty.getConnectors()) {
      if (connector instanceof ServerConnector) ((ServerConnector) connector).setHost(host);
    }
    Thread parentWatch = new Thread(() -> {
      try {
        while (System.in.read() != -1) { /* the parent never writes; EOF means it is gone */ }
      } catch (java.io.IOException ignored) {
        // a broken pipe means the same as EOF
      }
      System.exit(0);
    }, "parent-watch");
    parentWatch.setDaemon(true);
    parentWatch.start();
    proxy.start();
    System.out.println("LoopbackDynamoDBLocal ready on " + host);
    proxy.join();
  }
}
