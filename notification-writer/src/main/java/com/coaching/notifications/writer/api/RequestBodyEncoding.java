package com.coaching.notifications.writer.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Refuses a request body that is not valid text in its charset (UTF-8 unless the request names
 * another) with a 400, before Jackson reads it: Jackson decodes an over-long UTF-8 sequence
 * ({@code C1 81}) as the character it spells, so such a body would be stored as something it never
 * validly said. The body is at most {@code notifications.api.max-request-size} ({@link RequestSizeLimit}).
 */
@ControllerAdvice
public class RequestBodyEncoding extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage message, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] body = message.getBody().readAllBytes();
        Charset charset = Optional.ofNullable(message.getHeaders().getContentType())
                .map(MediaType::getCharset)
                .orElse(StandardCharsets.UTF_8);
        try {
            charset.newDecoder().decode(ByteBuffer.wrap(body)); // reports malformed input, never replaces it
        } catch (CharacterCodingException e) {
            throw new HttpMessageNotReadableException("The request body is not valid " + charset.name() + ".", e, message);
        }
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return message.getHeaders();
            }
        };
    }
}
