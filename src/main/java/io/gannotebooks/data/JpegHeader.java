package io.gannotebooks.data;

import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import org.w3c.dom.Node;

import java.util.ArrayList;
import java.util.List;

/**
 * What a JPEG's markers say about how to turn its samples into an upright sRGB picture, which ImageIO's
 * decoder ignores: the EXIF orientation (how the camera was held) and the colour model of 4-component files
 * (CMYK or YCCK, and whether Adobe's inverted convention applies).
 *
 * @param orientation    EXIF orientation 1..8 (1 = stored upright, also when there is no EXIF or it is bad)
 * @param components     colour components in the frame: 1 gray, 3 YCbCr/RGB, 4 CMYK/YCCK
 * @param adobeTransform the Adobe APP14 marker's transform (0 = none, 1 = YCbCr, 2 = YCCK), -1 without that
 *                       marker. Its presence also means the CMYK samples are stored inverted (0 = full ink),
 *                       Photoshop's convention that every decoder follows.
 */
record JpegHeader(int orientation, int components, int adobeTransform) {
    static final JpegHeader PLAIN = new JpegHeader(1, 3, -1);
    private static final String FORMAT = "javax_imageio_jpeg_image_1.0";
    private static final int APP1 = 0xE1;

    boolean isFourComponent() {
        return components == 4;
    }

    boolean hasAdobeMarker() {
        return adobeTransform >= 0;
    }

    /** The header of a JPEG from its ImageIO metadata; {@link #PLAIN} when that is not JPEG metadata. */
    static JpegHeader of(IIOMetadata metadata) {
        if (metadata == null || !FORMAT.equals(metadata.getNativeMetadataFormatName())) {
            return PLAIN;
        }
        Node tree = metadata.getAsTree(FORMAT);
        int orientation = 1;
        int components = 3;
        int adobeTransform = -1;
        for (Node node : children(child(tree, "markerSequence"))) {
            switch (node.getNodeName()) {
                case "sof" -> components = intAttribute(node, "numFrameComponents", 3);
                case "app14Adobe" -> adobeTransform = intAttribute(node, "transform", 0);
                case "unknown" -> {
                    if (intAttribute(node, "MarkerTag", 0) == APP1 && orientation == 1
                            && node instanceof IIOMetadataNode marker && marker.getUserObject() instanceof byte[] data) {
                        orientation = ExifOrientation.of(data);
                    }
                }
                default -> {
                }
            }
        }
        return new JpegHeader(orientation, components, adobeTransform);
    }

    private static Node child(Node parent, String name) {
        for (Node node : children(parent)) {
            if (node.getNodeName().equals(name)) {
                return node;
            }
        }
        return null;
    }

    private static Iterable<Node> children(Node parent) {
        List<Node> nodes = new ArrayList<>();
        for (Node node = parent == null ? null : parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            nodes.add(node);
        }
        return nodes;
    }

    private static int intAttribute(Node node, String name, int otherwise) {
        Node attribute = node.getAttributes() == null ? null : node.getAttributes().getNamedItem(name);
        try {
            return attribute == null ? otherwise : Integer.parseInt(attribute.getNodeValue());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
