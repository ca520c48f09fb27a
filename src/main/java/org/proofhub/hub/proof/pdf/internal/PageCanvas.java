package org.proofhub.hub.proof.pdf.internal;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.util.Matrix;

/**
 * Text and rules on one page in the proof's single font. Bold is drawn by stroking the glyph outlines
 * as well as filling them, because the shipped font has one weight only.
 */
final class PageCanvas {

    static final Color INK = Color.BLACK;

    /** Characters that must not start a line (避头): they stay on the line before. */
    private static final String NO_LINE_START = "，。、；：？！）》」』〕】”’·…—,.;:?!)]}";
    private static final float BOLD_STROKE_PER_POINT = 0.035f;

    private final PDPageContentStream content;
    private final PDFont font;

    PageCanvas(PDPageContentStream content, PDFont font) {
        this.content = content;
        this.font = font;
    }

    /** A canvas that measures text and draws nothing: for counting a document's pages before drawing them. */
    static PageCanvas measuring(PDFont font) {
        return new PageCanvas(null, font);
    }

    boolean measuresOnly() {
        return content == null;
    }

    PDPageContentStream content() {
        return content;
    }

    PDFont font() {
        return font;
    }

    float width(String text, float size) throws IOException {
        return font.getStringWidth(text) / 1000f * size;
    }

    void text(String text, float x, float baseline, float size) throws IOException {
        text(text, x, baseline, size, false, INK);
    }

    void text(String text, float x, float baseline, float size, boolean bold, Color color) throws IOException {
        if (content == null) {
            return;
        }
        content.beginText();
        content.setFont(font, size);
        content.setNonStrokingColor(color);
        if (bold) {
            content.setStrokingColor(color);
            content.setLineWidth(size * BOLD_STROKE_PER_POINT);
            content.setRenderingMode(RenderingMode.FILL_STROKE);
        } else {
            content.setRenderingMode(RenderingMode.FILL);
        }
        content.setTextMatrix(Matrix.getTranslateInstance(x, baseline));
        content.showText(text);
        content.endText();
    }

    void centered(String text, float centreX, float baseline, float size, boolean bold) throws IOException {
        text(text, centreX - width(text, size) / 2, baseline, size, bold, INK);
    }

    void rightAligned(String text, float right, float baseline, float size) throws IOException {
        text(text, right - width(text, size), baseline, size);
    }

    /** The size at which {@code text} fits {@code maxWidth}: {@code size} or smaller, but never below {@code minSize}. */
    float fitSize(String text, float size, float minSize, float maxWidth) throws IOException {
        float fitting = Math.min(size, size * maxWidth / Math.max(width(text, size), 0.01f));
        return Math.max(fitting, minSize);
    }

    /**
     * Breaks {@code text} into lines no wider than {@code maxWidth}. Chinese breaks between any two
     * characters; closing punctuation is kept on the line it closes, even if that line gets a little wider.
     */
    List<String> wrap(String text, float size, float maxWidth) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        float lineWidth = 0;
        for (int codePoint : text.codePoints().toArray()) {
            String next = Character.toString(codePoint);
            // no kerning in the proof font: a line is as wide as its characters added up
            float nextWidth = width(next, size);
            if (lineWidth + nextWidth > maxWidth && line.length() > 0 && NO_LINE_START.indexOf(codePoint) < 0) {
                lines.add(line.toString());
                line.setLength(0);
                lineWidth = 0;
            }
            line.append(next);
            lineWidth += nextWidth;
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    void rule(float x1, float y1, float x2, float y2, float lineWidth, Color color) throws IOException {
        if (content == null) {
            return;
        }
        content.setStrokingColor(color);
        content.setLineWidth(lineWidth);
        content.moveTo(x1, y1);
        content.lineTo(x2, y2);
        content.stroke();
    }

    void box(float x, float y, float width, float height, float lineWidth, Color stroke, Color fill)
            throws IOException {
        if (content == null) {
            return;
        }
        content.addRect(x, y, width, height);
        content.setLineWidth(lineWidth);
        content.setStrokingColor(stroke);
        if (fill != null) {
            content.setNonStrokingColor(fill);
            content.fillAndStroke();
        } else {
            content.stroke();
        }
    }
}
