package com.followthrough.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A JSON body in another charset than UTF-8, as its {@code Content-Type} declares it ({@code application/json;
 * charset=ISO-8859-1}, windows-1252, UTF-16 ...), is handed on re-encoded in UTF-8 ({@link NewJsonBody}), so that
 * everything after reads it as it was written: Camunda's REST APIs read JSON as UTF-8 (or UTF-16/32 by its first
 * bytes) whatever the charset says, and so do our filters that read or rewrite a body, so "Müller" in ISO-8859-1 was
 * refused as no JSON, and "CAFÉ®" in windows-1252, whose last two bytes also read as UTF-8, was stored as "CAFɮ". A
 * charset Java does not know is refused with {@code 415} (field {@code Content-Type}), bytes that are not of the
 * declared charset with {@code 400} (field {@code body}), before anything reads the body. A body that declares no
 * charset, or UTF-8, passes untouched (JSON is UTF-8, RFC 8259). After the body's limit ({@link RequestBodyLimit}),
 * which holds what is read here.
 */
public final class DeclaredCharsetToUtf8 extends OncePerRequestFilter {

    /** The charset parameter of a {@code Content-Type}: its name, quoted or not, in group 2. */
    static final Pattern CHARSET = Pattern.compile(";\\s*charset\\s*=\\s*(\"?)([^\";\\s]*)\\1",
            Pattern.CASE_INSENSITIVE);

    private final boolean engineApi;
    private final ObjectMapper json;

    private DeclaredCharsetToUtf8(boolean engineApi, ObjectMapper json) {
        this.engineApi = engineApi;
        this.json = json;
    }

    public static DeclaredCharsetToUtf8 forApi(ObjectMapper json) {
        return new DeclaredCharsetToUtf8(false, json);
    }

    /** On Camunda's REST APIs, whose refusals carry Camunda's {@code message} too, which Tasklist shows. */
    public static DeclaredCharsetToUtf8 forEngineApi(ObjectMapper json) {
        return new DeclaredCharsetToUtf8(true, json);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        Matcher declared = type == null || !isJson(type) ? null : CHARSET.matcher(type);
        if (declared == null || !declared.find()) {
            chain.doFilter(request, response);
            return;
        }
        String name = declared.group(2);
        Optional<Charset> charset = known(name);
        if (charset.isEmpty()) {
            refuse(request, response, new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type",
                    "Content-Type declares the charset '" + name + "', which is not known here: send the JSON in UTF-8"
                            + " (or in a charset such as ISO-8859-1, windows-1252 or UTF-16, and say so).",
                    List.of(new ApiProblem.FieldError(HttpHeaders.CONTENT_TYPE,
                            "declares the charset '" + name + "', which is not known: send UTF-8"))));
            return;
        }
        if (charset.get().equals(StandardCharsets.UTF_8)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] sent = request.getInputStream().readAllBytes();
        CharsetDecoder decoder = charset.get().newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(sent);
        CharBuffer text = CharBuffer.allocate((int) Math.ceil(sent.length * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(bytes, text, true);
        if (!result.isError()) {
            result = decoder.flush(text);
        }
        if (result.isError()) {
            refuse(request, response, ApiProblem.invalid("body", "is not " + charset.get().name()
                    + ", the charset Content-Type declares (byte " + bytes.position() + "): send it in that charset,"
                    + " or in UTF-8 and say so"));
            return;
        }
        chain.doFilter(new NewJsonBody(request, text.flip().toString().getBytes(StandardCharsets.UTF_8)), response);
    }

    /** {@code application/json}, or a JSON type of its own ({@code application/merge-patch+json}). */
    private static boolean isJson(String type) {
        int parameters = type.indexOf(';');
        String[] name = (parameters < 0 ? type : type.substring(0, parameters)).trim().toLowerCase(Locale.ROOT)
                .split("/", 2);
        return name.length == 2 && name[0].equals("application")
                && (name[1].equals("json") || name[1].endsWith("+json"));
    }

    private static Optional<Charset> known(String name) {
        try {
            return Charset.isSupported(name) ? Optional.of(Charset.forName(name)) : Optional.empty();
        } catch (IllegalCharsetNameException notAName) {
            return Optional.empty();
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, ApiProblem refusal)
            throws IOException {
        ProblemDetail problem = refusal.problemDetail();
        ProblemResponse.write(request, response, json, engineApi ? ProblemResponse.withCamundaMessage(problem)
                : problem);
    }
}
