package com.followthrough.casefile;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.followthrough.access.IntakeEndpoint;

/** {@code GET /api/cases/{reference}}: the case as a person reads it. */
@RestController
public class CaseFileController {

    private final CaseFiles caseFiles;

    public CaseFileController(CaseFiles caseFiles) {
        this.caseFiles = caseFiles;
    }

    @IntakeEndpoint
    @GetMapping("/api/cases/{reference}")
    public CaseFile read(@PathVariable String reference) {
        return caseFiles.read(reference);
    }
}
