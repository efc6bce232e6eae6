import io.gannotebooks.data.ImageConversion;
import io.gannotebooks.data.ShapeClass;
import io.gannotebooks.data.ShapeFactors;
import io.gannotebooks.data.ShapesDataset;
import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * The standard shapes drawn upright (rotation 0), everything else as in the dataset: a folder of PNGs for
 * {@code ./gan train --data DIR}, of one class or of all five. Beside `RawImages folder DIR square` (the same
 * squares at their own rotations) it asks whether the rotation is what turns the generators' shapes into round
 * blobs: a square averaged over its rotations is a disc.
 *
 *     java -cp "target/gan-notebooks.jar:target/lib/*" bench/UprightShapes.java DIR [CLASS]
 */
public class UprightShapes {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        ShapeClass only = args.length > 1 ? ShapeClass.valueOf(args[1].toUpperCase(java.util.Locale.ROOT)) : null;
        Files.createDirectories(dir);
        ShapesDataset shapes = ShapesDataset.standard();
        // the renderer is package-private: the dataset's own drawing, reached for a one-off diagnostic
        Method render = Class.forName("io.gannotebooks.data.ShapeRenderer")
                .getDeclaredMethod("render", ShapeFactors.class, int.class, float[].class, int.class);
        render.setAccessible(true);
        float[] pixels = new float[3 * 64 * 64];
        int written = 0;
        for (int i = 0; i < shapes.size(); i++) {
            ShapeFactors f = shapes.factors(i);
            if (only != null && f.shape() != only) {
                continue;
            }
            ShapeFactors upright = new ShapeFactors(f.shape(), f.x(), f.y(), f.size(), 0, f.hue(), f.backgroundHue(),
                    f.lightDirection());
            render.invoke(null, upright, 64, pixels, 0);
            ImageIO.write(ImageConversion.toImage(pixels, 0, 64), "png", dir.resolve(String.format("%05d.png", i)).toFile());
            written++;
        }
        System.err.println("wrote " + written + " upright " + (only == null ? "shapes" : only + " images") + " to " + dir);
    }
}
