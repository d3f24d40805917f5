package com.followthrough.api;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A query parameter an endpoint of {@code /api} does not take is refused: {@code 400} naming it, with the parameters
 * the endpoint takes. Ignored, a misspelt filter ({@code chanel=phone}) would answer as if it had been left out, and
 * the caller would read the default's answer as the one they asked for.
 */
public class ParametersNotTaken implements HandlerInterceptor {

    /** The names each handler method takes, read by reflection once per method rather than on every request. */
    private final Map<Method, List<String>> takenByHandler = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || request.getParameterMap().isEmpty()) {
            return true;
        }
        List<String> taken = takenByHandler.computeIfAbsent(method.getMethod(), ParametersNotTaken::taken);
        String these = taken.isEmpty() ? "this request takes none" : "these are: " + String.join(", ", taken);
        List<ApiProblem.FieldError> unknown = request.getParameterMap().keySet().stream()
                .filter(name -> !taken.contains(name)).sorted()
                .map(name -> new ApiProblem.FieldError(name, "is no parameter here; " + these)).toList();
        if (!unknown.isEmpty()) {
            throw ApiProblem.invalid(unknown);
        }
        return true;
    }

    private static List<String> taken(Method method) {
        List<String> names = new ArrayList<>();
        for (Parameter parameter : method.getParameters()) {
            RequestParam param = AnnotatedElementUtils.findMergedAnnotation(parameter, RequestParam.class);
            if (param != null) {
                names.add(param.name().isEmpty() ? parameter.getName() : param.name());
            }
        }
        return List.copyOf(names);
    }
}
