package com.followthrough.api;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.springframework.http.MediaType;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A JSON request body read as strict UTF-8 (RFC 8259): Jackson decodes overlong forms ({@code C0 AF} for "/"),
 * encoded surrogates and code points above U+10FFFF without complaint, so they are refused here, as they are read,
 * with {@link MalformedUtf8Exception} (400, field {@code body}). A body that declares another charset is read in it
 * ({@link DeclaredCharsetToUtf8}).
 */
final class StrictUtf8Request extends HttpServletRequestWrapper {

    private ServletInputStream checked;

    private StrictUtf8Request(HttpServletRequest request) {
        super(request);
    }

    static HttpServletRequest of(HttpServletRequest request) {
        return isUtf8Json(request) ? new StrictUtf8Request(request) : request;
    }

    private static boolean isUtf8Json(HttpServletRequest request) {
        try {
            MediaType type = request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
            Charset charset = type == null ? null : type.getCharset();
            return type != null && type.isCompatibleWith(MediaType.APPLICATION_JSON)
                    && (charset == null || charset.equals(StandardCharsets.UTF_8));
        } catch (RuntimeException notAMediaTypeOrCharset) {
            return false;
        }
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (checked == null) {
            checked = new Utf8Stream(super.getInputStream());
        }
        return checked;
    }

    /** Thrown while reading a body that is not UTF-8. */
    static final class MalformedUtf8Exception extends IOException {

        private final long offset;

        MalformedUtf8Exception(long offset) {
            super("Request body is not UTF-8 at byte " + offset);
            this.offset = offset;
        }

        long offset() {
            return offset;
        }
    }

    /** The well-formed byte sequences of Unicode's table 3-7, checked byte by byte. */
    private static final class Utf8Stream extends WatchedBody {

        private long offset;
        private int needed;
        private int lower = 0x80;
        private int upper = 0xBF;

        Utf8Stream(ServletInputStream body) {
            super(body);
        }

        @Override
        public int read() throws IOException {
            int b = body.read();
            if (b < 0) {
                end();
            } else {
                check(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int from, int length) throws IOException {
            int n = body.read(buffer, from, length);
            if (n < 0) {
                end();
            }
            for (int i = 0; i < n; i++) {
                check(buffer[from + i] & 0xFF);
            }
            return n;
        }

        private void check(int b) throws MalformedUtf8Exception {
            if (needed == 0) {
                if (b >= 0xC2 && b <= 0xDF) {
                    needed = 1;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    needed = 2;
                    lower = b == 0xE0 ? 0xA0 : 0x80;
                    upper = b == 0xED ? 0x9F : 0xBF;
                } else if (b >= 0xF0 && b <= 0xF4) {
                    needed = 3;
                    lower = b == 0xF0 ? 0x90 : 0x80;
                    upper = b == 0xF4 ? 0x8F : 0xBF;
                } else if (b > 0x7F) {
                    throw new MalformedUtf8Exception(offset);
                }
            } else {
                if (b < lower || b > upper) {
                    throw new MalformedUtf8Exception(offset);
                }
                lower = 0x80;
                upper = 0xBF;
                needed--;
            }
            offset++;
        }

        private void end() throws MalformedUtf8Exception {
            if (needed > 0) {
                throw new MalformedUtf8Exception(offset);
            }
        }
    }
}
