package com.coaching.notifications.writer.problem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.Errors;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Every error of the API as an RFC 9457 problem ({@code application/problem+json}). A 400 lists the
 * offending fields under {@code errors}, by their JSON names. The features' own refusals are Spring
 * {@link org.springframework.web.ErrorResponseException}s that carry their status and problem, which
 * the base class answers as they are. Nothing internal (exception names, stack traces, SQL) reaches
 * the response.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /**
     * Suggested wait after a 503 for an unreachable database: a restart or fail-over takes seconds, and
     * each retry costs the caller up to Hikari's {@code connection-timeout} (3s) anyway.
     */
    private static final Duration DATABASE_RETRY_AFTER = Duration.ofSeconds(5);

    private static final String INVALID_BODY = "The request body has invalid fields.";
    private static final String INVALID_PARAMETERS = "The request has invalid parameters.";

    private final DatabaseUnavailable databaseUnavailable;

    public ApiExceptionHandler(DatabaseUnavailable databaseUnavailable) {
        this.databaseUnavailable = databaseUnavailable;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>(bodyFields(e.getBindingResult(), e.getBindingResult().getTarget()));
        e.getBindingResult().getGlobalErrors()
                .forEach(error -> errors.add(new FieldProblem("", error.getDefaultMessage())));
        return badRequest(e, headers, request, INVALID_BODY, errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        JacksonException json = find(e, JacksonException.class);
        Optional<FieldProblem> field = json == null ? Optional.empty() : FieldProblem.of(json);
        if (field.isPresent()) {
            return badRequest(e, headers, request, INVALID_BODY, List.of(field.get()));
        }
        return badRequest(e, headers, request, "The request body is missing or is malformed JSON.", List.of());
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        boolean onlyTheBody = true;
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            // A @Valid body validated together with constrained parameters: name its fields, not the parameter.
            if (result instanceof ParameterErrors body) {
                errors.addAll(bodyFields(body, body.getArgument()));
                continue;
            }
            onlyTheBody = false;
            String name = parameterName(result.getMethodParameter());
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                errors.add(new FieldProblem(name, error.getDefaultMessage()));
            }
        }
        return badRequest(e, headers, request, onlyTheBody ? INVALID_BODY : INVALID_PARAMETERS, errors);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        Class<?> type = e.getRequiredType();
        return badRequest(e, headers, request, INVALID_PARAMETERS,
                List.of(new FieldProblem(name, "must be " + FieldProblem.expected(type == null ? Object.class : type))));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return badRequest(e, headers, request, INVALID_PARAMETERS,
                List.of(new FieldProblem(e.getParameterName(), "is required")));
    }

    /**
     * Anything unexpected: logged here with its stack trace, answered without one. An unreachable
     * database is not unexpected: 503 with {@code Retry-After} and one log line, since an outage would
     * otherwise flood the log with one stack trace per request.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
        if (databaseUnavailable.explains(e)) {
            log.warn("Request failed, the database is unreachable: {}", e.getMessage());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "The notification store is unavailable; try again later.");
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(DATABASE_RETRY_AFTER.toSeconds()));
            return handleExceptionInternal(e, problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
        }
        log.error("Request failed", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The request could not be completed.");
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    private ResponseEntity<Object> badRequest(Exception e, HttpHeaders headers, WebRequest request, String detail,
                                              List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setProperty("errors", errors.stream()
                .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
                .toList());
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** The body's invalid fields, by the names the caller sent. */
    private static List<FieldProblem> bodyFields(Errors errors, Object body) {
        Class<?> type = body == null ? null : body.getClass();
        return errors.getFieldErrors().stream()
                .map(error -> new FieldProblem(JsonNames.of(type, error.getField()), error.getDefaultMessage()))
                .toList();
    }

    private static String parameterName(MethodParameter parameter) {
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null && !param.name().isEmpty()) {
            return param.name();
        }
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null && !header.name().isEmpty()) {
            return header.name();
        }
        return parameter.getParameterName();
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
