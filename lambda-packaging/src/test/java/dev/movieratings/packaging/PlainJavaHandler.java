package dev.movieratings.packaging;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The floor: a handler with no framework at all, started the same way, to measure the functions against. */
public class PlainJavaHandler implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        int length = input.readAllBytes().length;
        output.write(("{\"statusCode\":200,\"body\":\"" + length + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
