package io.gannotebooks.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ChunksTest {
    @Test
    void rangesCoverEveryPositionOnceInOrderTheLastOneShorter() {
        List<Chunks.Range> ranges = Chunks.of(250, 100);
        assertEquals(List.of(new Chunks.Range(0, 0, 100), new Chunks.Range(1, 100, 200),
                new Chunks.Range(2, 200, 250)), ranges);
        assertEquals(50, ranges.get(2).size());
        assertEquals(List.of(new Chunks.Range(0, 0, 64), new Chunks.Range(1, 64, 128)), Chunks.of(128, 64));
        assertEquals(List.of(), Chunks.of(0, 16));
        assertEquals(7, Chunks.of(7, 1).size());
        assertThrows(IllegalArgumentException.class, () -> Chunks.of(10, 0));
    }

    @Test
    void mapStacksEachChunksResultInItsRows() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 37, 2, 3, 3);               // [37, 2, 3, 3]
        List<Long> seen = new ArrayList<>();
        // a per-image function: sums of each image's pixels, plus the image's own first pixel
        INDArray y = Chunks.map(x, 16, part -> {
            seen.add(part.size(0));
            return part.reshape(part.size(0), 18).sum(1).reshape(part.size(0), 1);
        });
        assertEquals(List.of(16L, 16L, 5L), seen, "three passes, the last one of the remainder");
        assertArrayEquals(new long[]{37, 1}, y.shape());
        assertEquals(x.reshape(37, 18).sum(1).reshape(37, 1), y, "row i of the result is image i's");
    }

    @Test
    void oneChunkIsPassedWholeAndReturnedAsItIs() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 4);
        INDArray result = Nd4j.zeros(DataType.FLOAT, 16, 4);
        assertSame(result, Chunks.map(x, 16, part -> {
            assertSame(x, part);
            return result;
        }));
    }

    @Test
    void mapOverIndicesHandsEachChunkItsOwnIndices() {
        int[] indices = {9, 3, 7, 1, 0, 5, 8};
        List<Integer> sizes = new ArrayList<>();
        INDArray y = Chunks.map(indices, 3, part -> {
            sizes.add(part.length);
            return Nd4j.createFromArray(part).castTo(DataType.DOUBLE).reshape(part.length, 1).mul(10);
        });
        assertEquals(List.of(3, 3, 1), sizes);
        assertArrayEquals(new double[]{90, 30, 70, 10, 0, 50, 80}, y.reshape(7).toDoubleVector(), 0);
    }

    @Test
    void aChunkWithTheWrongNumberOfRowsIsAnError() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 10, 2);
        assertThrows(IllegalStateException.class, () -> Chunks.map(x, 4, part -> part.get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1))));
    }
}
