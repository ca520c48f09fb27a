package org.proofhub.hub.proof.pdf.internal;

import java.awt.Color;
import java.io.IOException;

import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.blend.BlendMode;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.util.Matrix;

/**
 * The picture of a round official seal (公章 style), drawn as vector graphics: a red ring, a five-pointed
 * star in the middle, the holding unit's name along the upper arc and the seal's purpose across the bottom.
 * It is a picture only; what makes the proof authentic is the PAdES signature, made with the key of the
 * seal this picture names.
 */
final class VectorSeal {

    static final Color SEAL_RED = new Color(0xD7, 0x00, 0x0F);

    private static final float RING_WIDTH_PER_RADIUS = 0.045f;
    private static final float STAR_RADIUS_PER_RADIUS = 0.27f;
    /** Inner to outer radius of a regular five-pointed star: 1 / φ². */
    private static final double STAR_INNER_RATIO = 0.381966;
    /** Bézier control distance that approximates a quarter circle. */
    private static final float KAPPA = 0.5522848f;
    /** Seal characters are tall and narrow. */
    private static final float SEAL_GLYPH_SCALE_X = 0.78f;
    private static final double MAX_ARC_DEGREES = 250;

    private VectorSeal() {
    }

    static void draw(PDPageContentStream content, PDFont font, float centreX, float centreY, float radius,
                     String unitName, String purposeLabel) throws IOException {
        content.saveGraphicsState();
        // multiply lets the text under the seal show through, as ink over ink does on paper
        PDExtendedGraphicsState multiply = new PDExtendedGraphicsState();
        multiply.setBlendMode(BlendMode.MULTIPLY);
        content.setGraphicsStateParameters(multiply);
        content.setStrokingColor(SEAL_RED);
        content.setNonStrokingColor(SEAL_RED);

        content.setLineWidth(radius * RING_WIDTH_PER_RADIUS);
        circle(content, centreX, centreY, radius - radius * RING_WIDTH_PER_RADIUS / 2);
        content.stroke();

        star(content, centreX, centreY, radius * STAR_RADIUS_PER_RADIUS);
        content.fill();

        arcText(content, font, centreX, centreY, radius, unitName);
        bottomText(content, font, centreX, centreY, radius, purposeLabel);
        content.restoreGraphicsState();
    }

    private static void circle(PDPageContentStream content, float x, float y, float r) throws IOException {
        float k = KAPPA * r;
        content.moveTo(x + r, y);
        content.curveTo(x + r, y + k, x + k, y + r, x, y + r);
        content.curveTo(x - k, y + r, x - r, y + k, x - r, y);
        content.curveTo(x - r, y - k, x - k, y - r, x, y - r);
        content.curveTo(x + k, y - r, x + r, y - k, x + r, y);
        content.closePath();
    }

    private static void star(PDPageContentStream content, float x, float y, float outer) throws IOException {
        double inner = outer * STAR_INNER_RATIO;
        for (int i = 0; i < 10; i++) {
            double r = i % 2 == 0 ? outer : inner;
            double angle = Math.toRadians(90 + i * 36);
            float px = (float) (x + r * Math.cos(angle));
            float py = (float) (y + r * Math.sin(angle));
            if (i == 0) {
                content.moveTo(px, py);
            } else {
                content.lineTo(px, py);
            }
        }
        content.closePath();
    }

    /**
     * Each character upright towards the rim, centred on its own angle; the text spreads symmetrically
     * around the top and takes more of the arc the longer it is.
     */
    private static void arcText(PDPageContentStream content, PDFont font, float centreX, float centreY,
                                float radius, String text) throws IOException {
        int[] characters = text.codePoints().toArray();
        int count = characters.length;
        float size = radius * (count <= 10 ? 0.27f : Math.max(0.17f, 0.27f * 10 / count));
        double baselineRadius = radius * (1 - RING_WIDTH_PER_RADIUS * 2.4) - size * 0.86;
        double step = count > 1 ? Math.min(MAX_ARC_DEGREES / (count - 1), Math.toDegrees(size * 1.2 / baselineRadius)) : 0;
        double first = 90 + step * (count - 1) / 2;
        beginSealText(content, font, size);
        for (int i = 0; i < count; i++) {
            String glyph = Character.toString(characters[i]);
            double angle = Math.toRadians(first - i * step);
            float halfWidth = font.getStringWidth(glyph) / 1000f * size * SEAL_GLYPH_SCALE_X / 2;
            double rotation = angle - Math.PI / 2;
            float x = (float) (centreX + baselineRadius * Math.cos(angle) - halfWidth * Math.cos(rotation));
            float y = (float) (centreY + baselineRadius * Math.sin(angle) - halfWidth * Math.sin(rotation));
            Matrix matrix = Matrix.getRotateInstance(rotation, x, y);
            matrix.scale(SEAL_GLYPH_SCALE_X, 1);
            content.setTextMatrix(matrix);
            content.showText(glyph);
        }
        content.endText();
    }

    private static void bottomText(PDPageContentStream content, PDFont font, float centreX, float centreY,
                                   float radius, String text) throws IOException {
        float baseline = centreY - radius * 0.62f;
        // the chord at that height, less a margin from the ring
        float available = (float) (2 * Math.sqrt(radius * radius - Math.pow(radius * 0.5f, 2)) * 0.78);
        float size = Math.min(radius * 0.16f, available / (font.getStringWidth(text) / 1000f * SEAL_GLYPH_SCALE_X));
        float width = font.getStringWidth(text) / 1000f * size * SEAL_GLYPH_SCALE_X;
        beginSealText(content, font, size);
        Matrix matrix = Matrix.getTranslateInstance(centreX - width / 2, baseline);
        matrix.scale(SEAL_GLYPH_SCALE_X, 1);
        content.setTextMatrix(matrix);
        content.showText(text);
        content.endText();
    }

    private static void beginSealText(PDPageContentStream content, PDFont font, float size) throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.setRenderingMode(RenderingMode.FILL_STROKE);
        content.setLineWidth(size * 0.05f);
    }
}
