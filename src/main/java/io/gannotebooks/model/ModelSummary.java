package io.gannotebooks.model;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** A network as a table: one row per layer with its output shape (C x H x W or width) and parameter count. */
public final class ModelSummary {
    private ModelSummary() {
    }

    static Table of(String title, MultiLayerNetwork network, InputType input) {
        List<InputType> outputs = network.getLayerWiseConfigurations().getLayerActivationTypes(input);
        StringColumn names = StringColumn.create("layer");
        StringColumn types = StringColumn.create("type");
        StringColumn shapes = StringColumn.create("output shape");
        LongColumn params = LongColumn.create("parameters");
        IntColumn index = IntColumn.create("#");
        for (int i = 0; i < network.getnLayers(); i++) {
            Layer layer = network.getLayer(i);
            index.append(i);
            names.append(layer.conf().getLayer().getLayerName());
            types.append(layer.conf().getLayer().getClass().getSimpleName());
            shapes.append(shape(outputs.get(i)));
            params.append(layer.numParams());
        }
        return Table.create(title, index, names, types, shapes, params);
    }

    /** One row per layer: its name and the shape of its output for {@code input}, from a real forward pass. */
    static Table trace(String title, MultiLayerNetwork network, org.nd4j.linalg.api.ndarray.INDArray input) {
        List<org.nd4j.linalg.api.ndarray.INDArray> activations = network.feedForward(input, false);
        StringColumn names = StringColumn.create("layer");
        StringColumn shapes = StringColumn.create("output shape");
        for (int i = 1; i < activations.size(); i++) { // activations[0] is the input itself
            names.append(network.getLayer(i - 1).conf().getLayer().getLayerName());
            shapes.append(java.util.Arrays.toString(activations.get(i).shape()));
        }
        return Table.create(title + " trace", names, shapes);
    }

    /** "128x8x8" for convolutional activations (channels first, as the arrays are), "8192" for dense ones. */
    static String shape(InputType type) {
        long[] shape = type.getShape(false);
        StringBuilder s = new StringBuilder();
        for (long d : shape) {
            if (s.length() > 0) {
                s.append('x');
            }
            s.append(d);
        }
        return s.toString();
    }
}
