package com.followthrough.api;

import java.io.IOException;
import java.util.function.ToLongFunction;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses a request body above its limit with 413 and a problem detail, before it is read into memory: at once when
 * the client announces the length, and otherwise while it is read. On {@code /api} ({@link #forApi}) the limit is
 * {@code follow-through.api.max-request-size}, and a body streamed past it fails as it is read, which {@link ApiErrors}
 * answers (this filter, when a filter after it reads the body first). Camunda's REST APIs ({@link #forEngineApi})
 * answer a failed read with a 500 of their own, so there a body streamed without a length is read here first, up to
 * its limit, and handed on; their problem detail carries Camunda's {@code message} too, which Tasklist shows.
 */
public class RequestBodyLimit extends OncePerRequestFilter {

    private final ToLongFunction<HttpServletRequest> limits;
    private final boolean engineApi;
    private final ObjectMapper json;

    private RequestBodyLimit(ToLongFunction<HttpServletRequest> limits, boolean engineApi, ObjectMapper json) {
        this.limits = limits;
        this.engineApi = engineApi;
        this.json = json;
    }

    public static RequestBodyLimit forApi(ApiProperties properties, ObjectMapper json) {
        long limit = properties.maxRequestSize().toBytes();
        return new RequestBodyLimit(request -> limit, false, json);
    }

    /** @param limits the limit of a request, in bytes (a deployment's may be larger than any other request's) */
    public static RequestBodyLimit forEngineApi(ToLongFunction<HttpServletRequest> limits, ObjectMapper json) {
        return new RequestBodyLimit(limits, true, json);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limits.applyAsLong(request);
        long announced = request.getContentLengthLong();
        if (announced > limit) {
            refuse(request, response, limit);
            return;
        }
        if (engineApi && announced < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 1, limit) + 1);
            if (body.length > limit) {
                refuse(request, response, limit);
                return;
            }
            chain.doFilter(new BodyReadAgain(request, body), response);
            return;
        }
        try {
            chain.doFilter(new LimitedRequest(request, limit), response);
        } catch (RequestBodyTooLargeException tooLarge) {
            // A filter after this one read the body ahead of the API (DeclaredCharsetToUtf8), and nothing answered.
            if (response.isCommitted()) {
                throw tooLarge;
            }
            response.reset();
            refuse(request, response, limit);
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
        ApiProblem tooLarge = ApiProblem.tooLarge(limit);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, tooLarge.getMessage());
        problem.setTitle(tooLarge.title());
        ProblemResponse.write(request, response, json,
                engineApi ? ProblemResponse.withCamundaMessage(problem) : problem);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream limited;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedInputStream(super.getInputStream(), limit);
            }
            return limited;
        }
    }

    private static final class LimitedInputStream extends WatchedBody {

        private final long limit;
        private long read;

        LimitedInputStream(ServletInputStream body, long limit) {
            super(body);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = body.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = body.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws RequestBodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new RequestBodyTooLargeException(limit);
            }
        }
    }
}
