package ma.forsa.importer;

import java.io.Closeable;
import java.io.IOException;
import java.util.function.IntFunction;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One XML part of a workbook read with the JDK's StAX parser over a {@link BoundedZip.Part}: no DTD, no external
 * entity, element nesting bounded, text gathered up to a limit. Every parser failure becomes
 * {@link Refusals#unreadableWorkbook()}, or the limit the underlying stream refused on.
 */
final class XmlPart implements Closeable {

    /** Deepest element nesting accepted (spreadsheet parts nest about 6 deep). */
    static final int MAX_DEPTH = 64;

    private final BoundedZip.Part in;
    private final XMLStreamReader r;
    private int depth;

    private XmlPart(BoundedZip.Part in, XMLStreamReader r) {
        this.in = in;
        this.r = r;
    }

    /** The part of this name, or null if the workbook has none. */
    static XmlPart open(BoundedZip zip, String name) throws IOException {
        BoundedZip.Part in = zip.part(name);
        if (in == null) {
            return null;
        }
        try {
            XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            factory.setProperty(XMLInputFactory.IS_COALESCING, false);
            return new XmlPart(in, factory.createXMLStreamReader(in));
        } catch (XMLStreamException | RuntimeException e) {
            in.close();
            throw failure(in, e);
        }
    }

    /** The next event (an XMLStreamConstants value); END_DOCUMENT at the end. */
    int next() {
        try {
            if (!r.hasNext()) {
                return XMLStreamConstants.END_DOCUMENT;
            }
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (++depth > MAX_DEPTH) {
                    throw Refusals.unreadableWorkbook();
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
            return event;
        } catch (XMLStreamException | RuntimeException e) {
            throw failure(in, e);
        }
    }

    /** Moves to the next start of an element of this local name; false at the end of the part. */
    boolean nextStart(String localName) {
        for (int e = next(); e != XMLStreamConstants.END_DOCUMENT; e = next()) {
            if (e == XMLStreamConstants.START_ELEMENT && localName.equals(r.getLocalName())) {
                return true;
            }
        }
        return false;
    }

    boolean isStart(String localName) {
        return r.isStartElement() && localName.equals(r.getLocalName());
    }

    boolean isEnd(String localName) {
        return r.isEndElement() && localName.equals(r.getLocalName());
    }

    /** Nesting of the current element (1 = root). */
    int depth() {
        return depth;
    }

    /** An attribute of the current start element by local name, whatever its namespace. */
    String attribute(String localName) {
        return r.getAttributeValue(null, localName);
    }

    /**
     * The text of the current element, read up to its end tag. With {@code onlyT}, only the text of its
     * {@code <t>} descendants outside phonetic runs ({@code <rPh>}), as in shared strings and inline strings.
     * More than {@code max} characters: the refusal {@code tooLong} makes from max.
     */
    String text(boolean onlyT, int max, IntFunction<ImportRefused> tooLong) {
        int container = depth;
        int t = onlyT ? -1 : container;
        int phonetic = -1;
        StringBuilder s = new StringBuilder();
        while (true) {
            switch (next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (phonetic < 0 && "rPh".equals(r.getLocalName())) {
                        phonetic = depth;
                    } else if (onlyT && t < 0 && phonetic < 0 && "t".equals(r.getLocalName())) {
                        t = depth;
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (t >= 0) {
                        int n = r.getTextLength();
                        if (s.length() + n > max) {
                            throw tooLong.apply(max);
                        }
                        s.append(r.getTextCharacters(), r.getTextStart(), n);
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    int ended = depth + 1;
                    if (ended == container) {
                        return s.toString();
                    }
                    if (ended == t) {
                        t = -1;
                    } else if (ended == phonetic) {
                        phonetic = -1;
                    }
                }
                case XMLStreamConstants.END_DOCUMENT -> throw Refusals.unreadableWorkbook();
                default -> {
                }
            }
        }
    }

    private static ImportRefused failure(BoundedZip.Part in, Exception e) {
        if (e instanceof ImportRefused refused) {
            return refused;
        }
        return in.refusal() != null ? in.refusal() : Refusals.unreadableWorkbook();
    }

    @Override
    public void close() throws IOException {
        try {
            r.close();
        } catch (XMLStreamException e) {
            // the stream below is closed anyway
        }
        in.close();
    }
}
