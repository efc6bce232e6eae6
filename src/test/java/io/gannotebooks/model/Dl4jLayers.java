package io.gannotebooks.model;

/**
 * Networks whose training passes run on DL4J's layer API instead of the library's own layers: the other
 * path, kept only so that tests can hold the own layers against it (the library trains on its own layers).
 */
public final class Dl4jLayers {
    private Dl4jLayers() {
    }

    public static Generator generator(GeneratorSpec spec, NetworkSettings settings) {
        return new Generator(spec, settings, LayerEngine.DL4J);
    }

    public static Discriminator discriminator(DiscriminatorSpec spec, NetworkSettings settings) {
        return new Discriminator(spec, settings, LayerEngine.DL4J);
    }
}
