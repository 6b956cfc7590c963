package dev.movieratings.rating.profile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;

/**
 * The skeleton of UTS #39 section 4: two strings whose skeletons are equal are confusable ("paypal" and
 * "pаypаl" with Cyrillic а). skeleton(X) = NFD(each code point of NFD(X) replaced by its prototype).
 * The prototypes are ICU4J's (confusables.txt) as a table of about 9,500 lines: ICU4J itself is 14.6 MB,
 * more than the command function's package can take under its 30 MB budget, and the table is all of it
 * the skeleton needs (ConfusableSkeletonMatchesIcuTest compares the two over every code point).
 */
public final class ConfusableSkeleton {

    private static final String TABLE = "confusable-prototypes.txt";
    private static final Map<Integer, String> PROTOTYPES = load();

    private ConfusableSkeleton() {}

    public static String of(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder mapped = new StringBuilder(decomposed.length());
        decomposed.codePoints().forEach(codePoint -> {
            String prototype = PROTOTYPES.get(codePoint);
            if (prototype == null) {
                mapped.appendCodePoint(codePoint);
            } else {
                mapped.append(prototype);
            }
        });
        return Normalizer.normalize(mapped, Normalizer.Form.NFD);
    }

    /** Number of code points with a prototype other than themselves. */
    static int size() {
        return PROTOTYPES.size();
    }

    private static Map<Integer, String> load() {
        Map<Integer, String> prototypes = new HashMap<>(16_384);
        try (InputStream in = ConfusableSkeleton.class.getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IllegalStateException(TABLE + " is missing from the class path");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] hex = line.split(" ");
                StringBuilder prototype = new StringBuilder();
                for (int i = 1; i < hex.length; i++) {
                    prototype.appendCodePoint(Integer.parseInt(hex[i], 16));
                }
                prototypes.put(Integer.parseInt(hex[0], 16), prototype.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(prototypes);
    }
}
