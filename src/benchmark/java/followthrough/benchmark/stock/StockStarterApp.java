package followthrough.benchmark.stock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The stock Camunda Spring Boot starter (engine, webapps, REST) on the same classpath, with none of our beans: the
 * baseline for start-up time and heap. Started with the bare baseline model only (see {@code AppProcess}).
 */
@SpringBootApplication
public class StockStarterApp {

    public static void main(String[] args) {
        SpringApplication.run(StockStarterApp.class, args);
    }
}
