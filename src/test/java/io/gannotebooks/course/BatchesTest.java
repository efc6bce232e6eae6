package io.gannotebooks.course;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BatchesTest {
    private static INDArray counting(long... shape) {
        return Nd4j.arange(0, Nd4j.create(shape).length()).castTo(DataType.FLOAT).reshape(shape);
    }

    @Test
    void firstItemsAndOneItemAreCopiesOfTheRightRows() {
        INDArray batch = counting(5, 3, 2, 2);
        INDArray first = Batches.first(batch, 2);
        assertArrayEquals(new long[]{2, 3, 2, 2}, first.shape());
        assertEquals(batch.getDouble(1, 2, 1, 1), first.getDouble(1, 2, 1, 1), 0);
        INDArray third = Batches.item(batch, 2);
        assertArrayEquals(new long[]{1, 3, 2, 2}, third.shape());
        assertEquals(2 * 12, third.getDouble(0, 0, 0, 0), 0);
        first.addi(100);
        assertEquals(0, batch.getDouble(0, 0, 0, 0), 0, "a copy: the batch is untouched");
        assertThrows(IllegalArgumentException.class, () -> Batches.first(batch, 6));
        assertThrows(IllegalArgumentException.class, () -> Batches.item(batch, 5));
    }

    @Test
    void stackPutsBatchesOneAfterAnother() {
        INDArray a = counting(2, 4);
        INDArray b = counting(3, 4).addi(100);
        INDArray both = Batches.stack(a, b);
        assertArrayEquals(new long[]{5, 4}, both.shape());
        assertEquals(a.getDouble(1, 3), both.getDouble(1, 3), 0);
        assertEquals(b.getDouble(0, 0), both.getDouble(2, 0), 0);
        assertEquals(5, Batches.size(both));
    }

    @Test
    void normsOfEachVector() {
        INDArray z = Nd4j.createFromArray(new double[][]{{3, 4}, {0, 0}, {1, 1}});
        assertArrayEquals(new double[]{5, 0, Math.sqrt(2)}, Batches.norms(z), 1e-12);
    }

    @Test
    void pixelRangeOnTheScaleAPictureShows() {
        INDArray images = Nd4j.zeros(DataType.FLOAT, 1, 3, 2, 2);
        assertArrayEquals(new int[]{128, 128}, Batches.pixelRange(images)); // 0 -> (0 + 1) * 127.5 rounds to 128
        images.putScalar(new long[]{0, 1, 0, 1}, -1);
        images.putScalar(new long[]{0, 2, 1, 1}, 2); // beyond 1 clips at 255
        assertArrayEquals(new int[]{0, 255}, Batches.pixelRange(images));
    }
}
