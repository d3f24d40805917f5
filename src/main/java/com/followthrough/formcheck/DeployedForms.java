package com.followthrough.formcheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.RefusedEntryException;

/**
 * The Camunda Form a task shows, as the engine resolves it ({@code camunda:formRef} with its binding, or a
 * {@code camunda-forms:} form key) through {@link FormService#getDeployedTaskForm}: exactly the deployed form that
 * Tasklist renders, never a copy in Java. Each deployed form is read once: the cache is keyed by the form's content,
 * so a form redeployed from the Modeler with a change is read anew and an unchanged redeployment is not.
 */
@Component
class DeployedForms {

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, DeployedForm> byContent = new ConcurrentHashMap<>();

    DeployedForm of(FormService forms, String taskId) {
        return read(() -> forms.getDeployedTaskForm(taskId), "task's");
    }

    /** The start form of a process definition, as Tasklist renders it to start the process. */
    DeployedForm ofStart(FormService forms, String processDefinitionId) {
        return read(() -> forms.getDeployedStartForm(processDefinitionId), "start");
    }

    private DeployedForm read(Supplier<InputStream> form, String whose) {
        byte[] schema;
        try (InputStream deployed = form.get()) {
            schema = deployed.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ProcessEngineException notDeployed) {
            // Tasklist could not show this form either; a submission that cannot be checked is not accepted.
            throw new RefusedEntryException("This " + whose + " form is not deployed, so what was entered cannot be"
                    + " checked: " + notDeployed.getMessage());
        }
        return byContent.computeIfAbsent(digest(schema), key -> read(schema));
    }

    private DeployedForm read(byte[] schema) {
        try {
            return DeployedForm.read(json.readTree(schema));
        } catch (IOException e) {
            throw new RefusedEntryException("This form is not a readable Camunda Form: " + e.getMessage());
        }
    }

    private static String digest(byte[] schema) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(schema));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
