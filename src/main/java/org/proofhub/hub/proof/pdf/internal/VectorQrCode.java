package org.proofhub.hub.proof.pdf.internal;

import java.awt.Color;
import java.io.IOException;

import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

/**
 * A QR code drawn as filled rectangles, so it stays sharp at any zoom and on any printer. Error correction
 * level M (15 %) survives a worn print or a seal's red ink; the text is ASCII, so no character set hint.
 */
final class VectorQrCode {

    /** ISO/IEC 18004 asks for four light modules around the symbol. */
    static final int QUIET_ZONE_MODULES = 4;

    private final ByteMatrix modules;

    private VectorQrCode(ByteMatrix modules) {
        this.modules = modules;
    }

    static VectorQrCode encode(String text) throws WriterException {
        return new VectorQrCode(Encoder.encode(text, ErrorCorrectionLevel.M).getMatrix());
    }

    /** Modules per side, without the quiet zone. */
    int size() {
        return modules.getWidth();
    }

    /**
     * Draws the symbol with its lower left corner at ({@code x}, {@code y}) and {@code side} points wide; the
     * caller keeps {@link #QUIET_ZONE_MODULES} modules around it free.
     */
    void draw(PDPageContentStream content, float x, float y, float side) throws IOException {
        int n = modules.getWidth();
        float module = side / n;
        content.setNonStrokingColor(Color.BLACK);
        for (int row = 0; row < n; row++) {
            float top = y + side - row * module;
            int column = 0;
            while (column < n) {
                if (modules.get(column, row) != 1) {
                    column++;
                    continue;
                }
                int start = column;
                while (column < n && modules.get(column, row) == 1) {
                    column++;
                }
                // one rectangle per dark run keeps the content stream short; the tiny overlap avoids
                // hairline gaps between rows when a viewer anti-aliases
                content.addRect(x + start * module, top - module - 0.02f, (column - start) * module, module + 0.04f);
            }
        }
        content.fill();
    }
}
