package org.proofhub.hub.proof.pdf.internal;

import java.awt.Color;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.google.zxing.WriterException;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.proofhub.hub.platform.BeijingTime;
import org.proofhub.hub.proof.ProofDisplay;
import org.proofhub.hub.proof.ProofDisplay.Fact;
import org.proofhub.hub.proof.pdf.ProofRenderingException;
import org.proofhub.hub.seal.SealPurpose;

/**
 * The layout of an e-proof, top to bottom: proof number, title over a red double rule, the service item and
 * application, the table of subject and facts, the statement that binds the proof to its item, the sealing unit
 * and date under the seal, the SPEC §3.3 annotation, and a footer with id, digest, link and QR code. All times are
 * printed in China time. A proof whose facts do not fit on one A4 page goes on over further pages, each with the
 * proof number, the title marked （续） and "第 n 页 共 m 页"; the statement, seal, annotation and QR code close the
 * last page. The pages are counted first, by laying the proof out on canvases that measure and draw nothing.
 */
final class ProofLayout {

    static final PDRectangle PAGE = PDRectangle.A4;


    private static final float LEFT = 72;
    private static final float RIGHT = PAGE.getWidth() - 72;
    private static final float WIDTH = RIGHT - LEFT;
    private static final float TOP = PAGE.getHeight() - 56;

    private static final float TITLE_SIZE = 24;
    private static final float CONTINUED_TITLE_SIZE = 14;
    private static final float BODY_SIZE = 12;
    private static final float ITEM_SIZE = 11;
    private static final float TABLE_SIZE = 11.5f;
    private static final float TABLE_LABEL_WIDTH = 128;
    private static final float TABLE_PADDING = 6;
    private static final float ANNOTATION_SIZE = 10.5f;
    private static final float ANNOTATION_WIDTH = 250;
    private static final float FOOTER_SIZE = 8.5f;
    private static final float PAGE_NUMBER_SIZE = 9;
    private static final float PAGE_NUMBER_BASELINE = 30;
    /** Where the fact table of a page that goes on stops: above its page number. */
    private static final float CONTINUED_BOTTOM = 56;

    static final float SEAL_RADIUS = 56;
    private static final float QR_SIDE = 84;
    private static final float QR_X = RIGHT - QR_SIDE;
    private static final float QR_Y = 60;
    private static final float FOOTER_TOP = 160;

    private static final Color RED = VectorSeal.SEAL_RED;
    private static final Color GREY_TEXT = new Color(0x40, 0x40, 0x40);
    private static final Color RULE = new Color(0x60, 0x60, 0x60);
    private static final Color LABEL_FILL = new Color(0xF2, 0xF2, 0xF2);

    /** Adds a page to the document and gives the canvas to draw it on. */
    @FunctionalInterface
    interface Pages {
        PageCanvas next() throws IOException;
    }

    private final ProofDisplay proof;
    private final PDFont font;
    /** Pages of the whole proof; 0 while they are being counted. */
    private final int pageCount;
    private PageCanvas canvas;
    private int page;

    private ProofLayout(ProofDisplay proof, PDFont font, int pageCount) {
        this.proof = proof;
        this.font = font;
        this.pageCount = pageCount;
    }

    /** Draws the proof on as many pages as it needs, each taken from {@code pages}. */
    static void draw(ProofDisplay proof, PDFont font, Pages pages) throws IOException {
        int[] counted = {0};
        new ProofLayout(proof, font, 0).lay(() -> {
            counted[0]++;
            return PageCanvas.measuring(font);
        });
        new ProofLayout(proof, font, counted[0]).lay(pages);
    }

    private void lay(Pages pages) throws IOException {
        canvas = pages.next();
        page = 1;
        canvas.rightAligned("证明编号：" + proof.proofId(), RIGHT, TOP, 9);
        float y = title(TOP - 48);
        y = serviceItem(y - 28);
        y -= 8;
        for (Fact fact : rows()) {
            Row row = wrapped(fact);
            if (y - row.height() < CONTINUED_BOTTOM) {
                y = continuedPage(pages);
                if (y - row.height() < CONTINUED_BOTTOM) {
                    throw new ProofRenderingException(proof.proofId(), "the fact '" + fact.label() + "' is too long for a page"
                            + "; shorten its value", null);
                }
            }
            factRow(row, y);
            y -= row.height();
        }
        float closing = closingHeight();
        if (y - closing < FOOTER_TOP + 8) {
            y = continuedPage(pages);
            if (y - closing < FOOTER_TOP + 8) {
                throw new ProofRenderingException(proof.proofId(), "the statement and annotation do not fit on a page", null);
            }
        }
        y = statement(y - 24);
        // the annotation on the left, the sealing unit under the seal on the right, side by side
        float sealCentreY = y - 8 - SEAL_RADIUS;
        annotation(sealCentreY);
        Point sealCentre = sealingUnit(sealCentreY);
        footer();
        pageNumber();
        if (!canvas.measuresOnly()) {
            // the seal comes last, over the text: its ink multiplies with the text under it, and text extraction
            // reads the unit and date lines whole before the seal's characters
            VectorSeal.draw(canvas.content(), canvas.font(), sealCentre.x(), sealCentre.y(), SEAL_RADIUS,
                    proof.seal().unitName(), proof.seal().purpose().label());
        }
    }

    /** Ends this page with its number and starts the next with the proof number and the title marked （续）. */
    private float continuedPage(Pages pages) throws IOException {
        pageNumber();
        canvas = pages.next();
        page++;
        canvas.rightAligned("证明编号：" + proof.proofId(), RIGHT, TOP, 9);
        String title = proof.title() + "（续）";
        float size = canvas.fitSize(title, CONTINUED_TITLE_SIZE, 10, WIDTH);
        float baseline = TOP - 32;
        canvas.centered(title, LEFT + WIDTH / 2, baseline, size, true);
        canvas.rule(LEFT, baseline - 10, RIGHT, baseline - 10, 0.8f, RED);
        return baseline - 22;
    }

    /** "第 n 页 共 m 页" under a proof of more than one page; pages before the last say where the seal is. */
    private void pageNumber() throws IOException {
        if (pageCount > 1) {
            String text = "证明编号：" + proof.proofId() + "　第 " + page + " 页 共 " + pageCount + " 页"
                    + (page < pageCount ? "（电子印章在末页）" : "");
            canvas.centered(text, LEFT + WIDTH / 2, PAGE_NUMBER_BASELINE, PAGE_NUMBER_SIZE, false);
        }
    }

    /** From the top of the statement to the bottom of the annotation or seal, whichever is lower: measured, not drawn. */
    private float closingHeight() throws IOException {
        ProofLayout measure = new ProofLayout(proof, font, 0);
        measure.canvas = PageCanvas.measuring(font);
        float top = 0;
        float sealCentreY = measure.statement(top - 24) - 8 - SEAL_RADIUS;
        float annotationBottom = measure.annotation(sealCentreY);
        return top - Math.min(annotationBottom, sealCentreY - SEAL_RADIUS);
    }

    private record Point(float x, float y) {
    }

    private float title(float baseline) throws IOException {
        String title = proof.title();
        float size = canvas.fitSize(title, TITLE_SIZE, 16, WIDTH);
        canvas.centered(title, LEFT + WIDTH / 2, baseline, size, true);
        canvas.rule(LEFT, baseline - 16, RIGHT, baseline - 16, 1.6f, RED);
        canvas.rule(LEFT, baseline - 19.5f, RIGHT, baseline - 19.5f, 0.5f, RED);
        return baseline - 19.5f;
    }

    private float serviceItem(float baseline) throws IOException {
        float y = paragraph("办理事项：" + proof.serviceItem().name(), LEFT, baseline, ITEM_SIZE, WIDTH, 0);
        String code = "事项编码：" + proof.serviceItem().code();
        String application = "申请编号：" + proof.applicationId();
        float half = WIDTH / 2;
        if (canvas.width(code, ITEM_SIZE) < half - ITEM_SIZE && canvas.width(application, ITEM_SIZE) < half) {
            canvas.text(code, LEFT, y, ITEM_SIZE);
            canvas.text(application, LEFT + half, y, ITEM_SIZE);
            return y - ITEM_SIZE * 0.5f;
        }
        y = paragraph(code, LEFT, y, ITEM_SIZE, WIDTH, 0);
        return paragraph(application, LEFT, y, ITEM_SIZE, WIDTH, 0) + ITEM_SIZE * 1.2f;
    }

    /** The table's rows: the subject's name and ID, then the facts. */
    private List<Fact> rows() {
        List<Fact> rows = new ArrayList<>();
        rows.add(new Fact(proof.subject().nameLabel(), proof.subject().name()));
        rows.add(new Fact(proof.subject().idLabel(), proof.subject().idNumber()));
        rows.addAll(proof.facts());
        return rows;
    }

    private static final float TABLE_LINE_HEIGHT = TABLE_SIZE * 1.45f;
    private static final float TABLE_VALUE_WIDTH = WIDTH - TABLE_LABEL_WIDTH - 2 * TABLE_PADDING;
    private static final float TABLE_LABEL_TEXT_WIDTH = TABLE_LABEL_WIDTH - 2 * TABLE_PADDING;

    /** A row of the table with its label and value broken into the lines of their cells. */
    private record Row(List<String> labelLines, List<String> valueLines, float height) {
    }

    private Row wrapped(Fact fact) throws IOException {
        List<String> labelLines = canvas.wrap(fact.label(), TABLE_SIZE, TABLE_LABEL_TEXT_WIDTH);
        List<String> valueLines = canvas.wrap(fact.value(), TABLE_SIZE, TABLE_VALUE_WIDTH);
        float height = Math.max(labelLines.size(), valueLines.size()) * TABLE_LINE_HEIGHT + 2 * TABLE_PADDING;
        return new Row(labelLines, valueLines, height);
    }

    /** One label | value row from {@code y} down: a grey label cell; long values wrap inside their cell. */
    private void factRow(Row row, float y) throws IOException {
        float height = row.height();
        canvas.box(LEFT, y - height, TABLE_LABEL_WIDTH, height, 0.6f, RULE, LABEL_FILL);
        canvas.box(LEFT + TABLE_LABEL_WIDTH, y - height, WIDTH - TABLE_LABEL_WIDTH, height, 0.6f, RULE, null);
        float firstBaseline = y - TABLE_PADDING - TABLE_SIZE;
        for (int i = 0; i < row.labelLines().size(); i++) {
            canvas.text(row.labelLines().get(i), LEFT + TABLE_PADDING, firstBaseline - i * TABLE_LINE_HEIGHT, TABLE_SIZE);
        }
        for (int i = 0; i < row.valueLines().size(); i++) {
            canvas.text(row.valueLines().get(i), LEFT + TABLE_LABEL_WIDTH + TABLE_PADDING, firstBaseline - i * TABLE_LINE_HEIGHT, TABLE_SIZE);
        }
    }

    /** What the seal attests and what the proof may be used for (SPEC §3.3: one item, one application). */
    private float statement(float baseline) throws IOException {
        String how = proof.seal().purpose() == SealPurpose.DATA_SHARING ? "经数据共享查询核验" : "经出具单位核实";
        String text = how + "，上述信息属实，特此证明。本证明仅用于办理“" + proof.serviceItem().name() + "”（申请编号："
                + proof.applicationId() + "），有效期至" + date(proof.validUntil()) + "，用于其他用途无效。";
        return paragraph(text, LEFT, baseline, BODY_SIZE, WIDTH, 2 * BODY_SIZE);
    }

    /**
     * The sealing unit and the issue date right of the annotation, as on paper where the seal is pressed over
     * the issuing unit's name; returns the seal's centre.
     */
    private Point sealingUnit(float sealCentreY) throws IOException {
        String unit = proof.seal().unitName();
        String issued = date(proof.issuedAt());
        float right = RIGHT - 12;
        float available = right - (LEFT + ANNOTATION_WIDTH + 16);
        float size = canvas.fitSize(unit, 13, 9, available);
        float blockWidth = Math.max(canvas.width(unit, size), canvas.width(issued, size));
        float centreX = right - blockWidth / 2;
        float unitBaseline = sealCentreY + size * 0.6f;
        canvas.centered(unit, centreX, unitBaseline, size, false);
        canvas.centered(issued, centreX, unitBaseline - size * 1.8f, size, false);
        return new Point(centreX, sealCentreY);
    }

    /** The SPEC §3.3 annotation in a box, centred on {@code centreY}; returns the box's bottom. */
    private float annotation(float centreY) throws IOException {
        ProofDisplay.Annotation annotation = proof.annotation();
        String[][] lines = {
                {"提取单位：", annotation.extractingUnit()},
                {"出具单位：", annotation.producingUnit()},
                {"提取时间：", dateTime(annotation.extractionTime())},
        };
        float lineHeight = ANNOTATION_SIZE * 1.6f;
        float padding = 8;
        float labelWidth = canvas.width("提取单位：", ANNOTATION_SIZE);
        float valueWidth = ANNOTATION_WIDTH - 2 * padding - labelWidth;
        List<List<String>> wrapped = new ArrayList<>();
        int count = 1;
        for (String[] line : lines) {
            List<String> valueLines = canvas.wrap(line[1], ANNOTATION_SIZE, valueWidth);
            wrapped.add(valueLines);
            count += valueLines.size();
        }
        float height = count * lineHeight + 2 * padding - (lineHeight - ANNOTATION_SIZE);
        float top = centreY + height / 2;
        canvas.box(LEFT, top - height, ANNOTATION_WIDTH, height, 0.6f, RULE, null);
        float baseline = top - padding - ANNOTATION_SIZE;
        canvas.text("电子证明标注", LEFT + padding, baseline, ANNOTATION_SIZE, true, PageCanvas.INK);
        for (int i = 0; i < lines.length; i++) {
            baseline -= lineHeight;
            canvas.text(lines[i][0], LEFT + padding, baseline, ANNOTATION_SIZE);
            List<String> valueLines = wrapped.get(i);
            for (int j = 0; j < valueLines.size(); j++) {
                if (j > 0) {
                    baseline -= lineHeight;
                }
                canvas.text(valueLines.get(j), LEFT + padding + labelWidth, baseline, ANNOTATION_SIZE);
            }
        }
        return top - height;
    }

    private void footer() throws IOException {
        canvas.rule(LEFT, FOOTER_TOP, RIGHT, FOOTER_TOP, 0.5f, RULE);
        float textWidth = QR_X - VectorQrCode.QUIET_ZONE_MODULES * 2.5f - LEFT;
        float baseline = FOOTER_TOP - 18;
        baseline = footerLine("证明编号：" + proof.proofId(), baseline, textWidth);
        baseline = footerLine("内容摘要（SHA-256）：" + proof.verification().contentDigest(), baseline, textWidth);
        baseline = footerLine("核验地址：" + proof.verification().uri().toASCIIString(), baseline, textWidth);
        footerLine("本电子证明已加盖电子印章，与纸质证明具有同等效力。扫描右侧二维码或访问核验地址可在线核验。",
                baseline, textWidth);

        if (canvas.measuresOnly()) {
            return;
        }
        VectorQrCode qr;
        try {
            qr = VectorQrCode.encode(proof.verification().uri().toASCIIString());
        } catch (WriterException e) {
            throw new ProofRenderingException(proof.proofId(), "the verification link does not fit a QR code", e);
        }
        qr.draw(canvas.content(), QR_X, QR_Y, QR_SIDE);
        canvas.centered("扫码核验", QR_X + QR_SIDE / 2, QR_Y - 14, 8, false);
    }

    private float footerLine(String text, float baseline, float width) throws IOException {
        float y = baseline;
        for (String line : canvas.wrap(text, FOOTER_SIZE, width)) {
            canvas.text(line, LEFT, y, FOOTER_SIZE, false, GREY_TEXT);
            y -= FOOTER_SIZE * 1.55f;
        }
        return y;
    }

    /** Wrapped text; {@code indent} applies to the first line. Returns the baseline after the last line. */
    private float paragraph(String text, float x, float baseline, float size, float width, float indent)
            throws IOException {
        float lineHeight = size * 1.7f;
        List<String> lines = new ArrayList<>();
        List<String> first = canvas.wrap(text, size, width - indent);
        lines.add(first.get(0));
        String rest = text.substring(first.get(0).length());
        if (!rest.isEmpty()) {
            lines.addAll(canvas.wrap(rest, size, width));
        }
        float y = baseline;
        for (int i = 0; i < lines.size(); i++) {
            canvas.text(lines.get(i), x + (i == 0 ? indent : 0), y, size);
            y -= lineHeight;
        }
        return y;
    }

    static String date(Instant instant) {
        return BeijingTime.WRITTEN_DATE.format(instant);
    }

    static String date(LocalDate date) {
        return BeijingTime.WRITTEN_DATE.format(date);
    }

    static String dateTime(Instant instant) {
        return BeijingTime.WRITTEN_TO_SECOND.format(instant);
    }
}
