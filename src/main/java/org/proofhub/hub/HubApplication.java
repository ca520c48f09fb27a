package org.proofhub.hub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Proof Hub: data integration and certificate exchange for certificate-free government services.
 * Without arguments it runs the hub; with a command word (validate, ...) it runs that tool and exits.
 */
@SpringBootApplication
@org.springframework.scheduling.annotation.EnableScheduling
public class HubApplication {
    public static void main(String[] args) {
        if (args.length > 0 && HubCommands.isCommand(args[0])) {
            System.exit(HubCommands.run(args));
        }
        SpringApplication.run(HubApplication.class, args);
    }
}
