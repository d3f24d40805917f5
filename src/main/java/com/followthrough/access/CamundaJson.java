package com.followthrough.access;

import java.io.IOException;
import java.text.SimpleDateFormat;

import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.springframework.http.MediaType;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers that the engine's REST API would give, for the filters that answer a read in its place ({@link
 * NotesOnTasks}, {@link OperationLogOfTasks}, {@link EngineRestRules}): its JSON, with dates as it writes them.
 */
final class CamundaJson {

    /** Dates as Camunda's REST API reads and writes them. Jackson copies the date format for each use. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .setDateFormat(new SimpleDateFormat(JacksonConfigurator.DEFAULT_DATE_FORMAT));

    private CamundaJson() {
    }

    /** {@code 200} with {@code body} in Camunda's JSON. */
    static void ok(HttpServletResponse response, Object body) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        MAPPER.writeValue(response.getOutputStream(), body);
    }
}
