package io.sparkdp.models.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** How a Siamese network pairs the examples of a minibatch. */
class PairsTest {
    @Test
    void pairsAreBalancedOfTheKindTheySayAndReproducibleFromTheirSeed() {
        SplittableRandom random = new SplittableRandom(3);
        int[] classes = random.ints(200, 0, 10).toArray();
        Pairs pairs = Pairs.of(classes, 42L);

        assertEquals(100, pairs.sameCount(), "every other example asks for a partner of its class");
        for (int i = 0; i < classes.length; i++) {
            int j = pairs.partner()[i];
            assertNotEquals(i, j, "no example is its own partner in a batch of many");
            assertEquals(pairs.same()[i], classes[i] == classes[j], "pair " + i + "-" + j);
        }
        assertEquals(pairs, Pairs.of(classes, 42L));
        assertNotEquals(pairs, Pairs.of(classes, 43L));
    }

    @Test
    void aClassAloneInItsBatchTakesAPartnerOfAnotherAndOneClassOnlyPairsWithinIt() {
        Pairs lone = Pairs.of(new int[] {7, 1, 1, 1}, 5L);
        assertTrue(!lone.same()[0] && lone.partner()[0] != 0, "the only 7 is paired with a 1");

        Pairs one = Pairs.of(new int[] {2, 2, 2}, 5L);
        for (int i = 0; i < 3; i++) {
            assertTrue(one.same()[i] && one.partner()[i] != i, "one class: pairs of it, " + one);
        }
        Pairs single = Pairs.of(new int[] {4}, 5L);
        assertEquals(0, single.partner()[0]);
        assertTrue(single.same()[0]);
    }
}
