package dev.gantry.gate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * Parses report XML (JaCoCo, JUnit) with the JDK's parser, safely: no external DTD, schema or
 * entity is ever fetched, entity expansion is bounded by secure processing. A DOCTYPE itself is
 * allowed because every JaCoCo report has one ({@code report.dtd}), but it is never loaded.
 */
final class SecureXml {
    /** Reports larger than this are refused rather than read. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private SecureXml() {}

    /** A parse failure with a sentence fit for a result. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    static Document parse(Path file) throws IOException, Malformed {
        if (Files.size(file) > MAX_BYTES) {
            throw new Malformed("it is larger than " + MAX_BYTES / 1024 / 1024 + " MiB");
        }
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setEntityResolver((publicId, systemId) -> new org.xml.sax.InputSource(new java.io.StringReader("")));
            builder.setErrorHandler(null);
            return builder.parse(in);
        } catch (SAXException e) {
            String message = e.getMessage() == null ? "" : ": " + e.getMessage();
            if (e instanceof org.xml.sax.SAXParseException parse) {
                message = " at line " + parse.getLineNumber() + message;
            }
            throw new Malformed("it is not well-formed XML" + message);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a required security feature", e);
        }
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setValidating(false);
        factory.setNamespaceAware(false);
        return factory;
    }
}
