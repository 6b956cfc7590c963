package dev.movieratings.catalog.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.catalog.application.CatalogRow;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRowsTest {

    @Test
    void quotedCommasAndDoubledQuotesStayInsideTheirField() {
        CatalogRow row = CsvRows.row(7, "11,\"American President, The (1995)\",\"Say \"\"hi\"\"\"");

        assertThat(row.fields()).containsExactly("11", "American President, The (1995)", "Say \"hi\"");
        assertThat(row.line()).isEqualTo(7);
        assertThat(row.unterminatedQuote()).isFalse();
    }

    @Test
    void linesAreNumberedAsAnEditorShowsThemCountingBlankOnesAndIgnoringAByteOrderMark() throws IOException {
        String file = "\uFEFFmovieId,title,genres\r\n1,Toy Story (1995),Animation\r\n\r\n2,\"Open (1995),Drama\n";

        List<CatalogRow> rows = CsvRows.read(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)));

        assertThat(rows).extracting(CatalogRow::line).containsExactly(1, 2, 4);
        assertThat(rows.get(0).fields()).containsExactly("movieId", "title", "genres");
        assertThat(rows.get(1).fields()).containsExactly("1", "Toy Story (1995)", "Animation");
        assertThat(rows.get(2).unterminatedQuote()).isTrue();
    }
}
