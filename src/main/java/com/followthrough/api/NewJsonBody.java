package com.followthrough.api;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

import org.springframework.http.MediaType;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * The request with a JSON body of our own, in UTF-8, its length and charset said as the headers say them: its type
 * stays, with {@code charset=UTF-8} instead of one it declared, for the API to judge (JSON where it said none).
 * Handed on under the charset the client declared, the engine would read these bytes in that one.
 */
public final class NewJsonBody extends HttpServletRequestWrapper {

    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private final Map<String, String> headers;

    public NewJsonBody(HttpServletRequest request, byte[] body) {
        super(new BodyReadAgain(request, body));
        this.headers = Map.of("content-length", String.valueOf(body.length), "content-type",
                request.getContentType() == null ? MediaType.APPLICATION_JSON_VALUE + ";charset=" + UTF_8
                        : inUtf8(request.getContentType()));
    }

    /** {@code type} saying UTF-8: a charset it declared is replaced, else one is added. */
    private static String inUtf8(String type) {
        Matcher declared = DeclaredCharsetToUtf8.CHARSET.matcher(type);
        return declared.find() ? type.substring(0, declared.start()) + ";charset=" + UTF_8
                + type.substring(declared.end()) : type + ";charset=" + UTF_8;
    }

    @Override
    public int getContentLength() {
        return Integer.parseInt(headers.get("content-length"));
    }

    @Override
    public long getContentLengthLong() {
        return getContentLength();
    }

    @Override
    public String getContentType() {
        return headers.get("content-type");
    }

    @Override
    public String getCharacterEncoding() {
        return UTF_8;
    }

    @Override
    public String getHeader(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), super.getHeader(name));
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        String ours = headers.get(name.toLowerCase(Locale.ROOT));
        return ours == null ? super.getHeaders(name) : Collections.enumeration(List.of(ours));
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(Collections.list(super.getHeaderNames()));
        names.addAll(headers.keySet());
        return Collections.enumeration(names);
    }
}
