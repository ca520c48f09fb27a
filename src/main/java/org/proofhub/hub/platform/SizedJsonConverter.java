package org.proofhub.hub.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Type;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/**
 * JSON answers with a {@code Content-Length}: the body is written to a buffer first and then sent in one piece. Spring's
 * converter writes straight to the response and flushes it, so Tomcat committed a chunked answer and wrote its last
 * chunk separately — two socket writes per answer, and a client woken twice. The hub's JSON answers are small pages
 * and single resources (files and exports are not JSON), so holding one in memory costs nothing worth keeping.
 */
public class SizedJsonConverter extends MappingJackson2HttpMessageConverter {

    public SizedJsonConverter(ObjectMapper objectMapper) {
        super(objectMapper);
    }

    @Override
    protected void writeInternal(Object object, Type type, HttpOutputMessage outputMessage) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
        super.writeInternal(object, type, new HttpOutputMessage() {
            @Override
            public OutputStream getBody() {
                return body;
            }

            @Override
            public HttpHeaders getHeaders() {
                return outputMessage.getHeaders();
            }
        });
        try {
            outputMessage.getHeaders().setContentLength(body.size());
        } catch (UnsupportedOperationException headersSent) {
            // an event of a stream (server-sent events): the answer's headers went out with its first event
        }
        body.writeTo(outputMessage.getBody());
    }
}
