package org.proofhub.hub.proof.pdf.internal;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.proofhub.hub.proof.pdf.Letter;

/**
 * The layout of a letter over A4 pages: number, title and subtitle over a red double rule, the sections
 * with bold headings and indented paragraphs, the signature lines at the right with the seal over them,
 * and a footer with the page number on every page. Text is measured first and placed page by page, so
 * that the footer can say how many pages there are.
 */
final class LetterLayout {

    static final PDRectangle PAGE = PDRectangle.A4;

    private static final float LEFT = 72;
    private static final float RIGHT = PAGE.getWidth() - 72;
    private static final float WIDTH = RIGHT - LEFT;
    private static final float TOP = PAGE.getHeight() - 56;
    private static final float PAGE_BOTTOM = 40;

    private static final float TITLE_SIZE = 20;
    private static final float SUBTITLE_SIZE = 16;
    private static final float HEADING_SIZE = 12.5f;
    private static final float BODY_SIZE = 12;
    private static final float LINE = BODY_SIZE * 1.65f;
    private static final float FOOTER_SIZE = 8;
    private static final float SEAL_RADIUS = 52;

    private static final Color RED = VectorSeal.SEAL_RED;
    private static final Color GREY = new Color(0x50, 0x50, 0x50);

    /** One drawing step on a page, measured already. */
    @FunctionalInterface
    interface Step {
        void draw(PageCanvas canvas) throws IOException;
    }

    private final Letter letter;
    private final PageCanvas measure;
    private final List<List<Step>> pages = new ArrayList<>();
    private final List<String> footerLines = new ArrayList<>();
    private float footerTop;
    private float bottom;
    private float y;

    private LetterLayout(Letter letter, PageCanvas measure) {
        this.letter = letter;
        this.measure = measure;
    }

    /** The steps of each page, in order; {@code measure} is only asked for text widths. */
    static List<List<Step>> layout(Letter letter, PageCanvas measure) throws IOException {
        LetterLayout layout = new LetterLayout(letter, measure);
        layout.place();
        return layout.pages;
    }

    private void place() throws IOException {
        // the footer is measured first: the text of every page stops above it
        for (String line : letter.footer()) {
            footerLines.addAll(measure.wrap(line, FOOTER_SIZE, WIDTH - 60));
        }
        footerTop = PAGE_BOTTOM + Math.max(1, footerLines.size()) * FOOTER_SIZE * 1.5f + 8;
        bottom = footerTop + 12;
        newPage();
        String number = "编号：" + letter.number();
        current().add(c -> c.rightAligned(number, RIGHT, TOP, 9));
        y = TOP - 44;
        float titleSize = measure.fitSize(letter.title(), TITLE_SIZE, 14, WIDTH);
        float titleBaseline = y;
        current().add(c -> c.centered(letter.title(), LEFT + WIDTH / 2, titleBaseline, titleSize, true));
        if (letter.subtitle() != null && !letter.subtitle().isBlank()) {
            y -= SUBTITLE_SIZE * 2;
            float subtitleBaseline = y;
            current().add(c -> c.centered(letter.subtitle(), LEFT + WIDTH / 2, subtitleBaseline, SUBTITLE_SIZE, true));
        }
        float rule = y - 14;
        current().add(c -> {
            c.rule(LEFT, rule, RIGHT, rule, 1.6f, RED);
            c.rule(LEFT, rule - 3.5f, RIGHT, rule - 3.5f, 0.5f, RED);
        });
        y = rule - 3.5f - 28;
        for (Letter.Section section : letter.sections()) {
            if (section.heading() != null && !section.heading().isBlank()) {
                lines(measure.wrap(section.heading(), HEADING_SIZE, WIDTH), 0, HEADING_SIZE, true, 4);
            }
            for (String paragraph : section.paragraphs()) {
                paragraph(paragraph);
            }
            y -= LINE * 0.35f;
        }
        signature();
        int total = pages.size();
        for (int i = 0; i < total; i++) {
            int page = i + 1;
            pages.get(i).add(c -> footer(c, page, total));
        }
    }

    /** A paragraph indented by two characters on its first line, as Chinese official letters are. */
    private void paragraph(String text) throws IOException {
        float indent = measure.width("国国", BODY_SIZE);
        List<String> first = measure.wrap(text, BODY_SIZE, WIDTH - indent);
        List<String> lines = new ArrayList<>();
        lines.add(first.get(0));
        String rest = text.substring(first.get(0).length());
        if (!rest.isEmpty()) {
            lines.addAll(measure.wrap(rest, BODY_SIZE, WIDTH));
        }
        for (int i = 0; i < lines.size(); i++) {
            lines(List.of(lines.get(i)), i == 0 ? indent : 0, BODY_SIZE, false, 0);
        }
    }

    private void lines(List<String> lines, float indent, float size, boolean bold, float after) {
        for (String line : lines) {
            if (y < bottom) {
                newPage();
                y = TOP - 12;
            }
            float baseline = y;
            current().add(c -> c.text(line, LEFT + indent, baseline, size, bold, PageCanvas.INK));
            y -= LINE;
        }
        y -= after;
    }

    /**
     * The signature lines at the right, kept together on one page; the seal is pressed over the last two (the
     * sealing unit and the date), as on paper.
     */
    private void signature() throws IOException {
        List<String> lines = letter.signatureLines();
        if (lines.isEmpty()) {
            return;
        }
        float sealBelow = letter.seal() == null ? 0 : SEAL_RADIUS - LINE / 2;
        if (y - lines.size() * LINE - sealBelow < bottom) {
            newPage();
            y = TOP - 12;
        }
        y -= LINE * 0.5f;
        float blockWidth = 0;
        for (String line : lines) {
            blockWidth = Math.max(blockWidth, measure.width(line, BODY_SIZE));
        }
        float left = RIGHT - 12 - blockWidth;
        float[] baselines = new float[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            float baseline = y;
            baselines[i] = baseline;
            current().add(c -> c.text(line, left, baseline, BODY_SIZE, false, PageCanvas.INK));
            y -= LINE;
        }
        if (letter.seal() != null) {
            int n = baselines.length;
            float centreY = (n >= 2 ? (baselines[n - 2] + baselines[n - 1]) / 2 : baselines[0]) + BODY_SIZE * 0.3f;
            float centreX = left + blockWidth / 2;
            // last on the page, over the text: its ink multiplies with the lines under it
            current().add(c -> VectorSeal.draw(c.content(), c.font(), centreX, centreY, SEAL_RADIUS,
                    letter.seal().unitName(), letter.seal().purpose().label()));
        }
    }

    private void footer(PageCanvas c, int page, int total) throws IOException {
        c.rule(LEFT, footerTop, RIGHT, footerTop, 0.5f, GREY);
        float baseline = footerTop - 12;
        for (String line : footerLines) {
            c.text(line, LEFT, baseline, FOOTER_SIZE, false, GREY);
            baseline -= FOOTER_SIZE * 1.5f;
        }
        c.rightAligned("第 " + page + " 页 共 " + total + " 页", RIGHT, footerTop - 12, FOOTER_SIZE);
    }

    private void newPage() {
        pages.add(new ArrayList<>());
    }

    private List<Step> current() {
        return pages.get(pages.size() - 1);
    }
}
