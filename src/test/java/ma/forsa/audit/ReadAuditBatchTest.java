package ma.forsa.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

/** Group commit of READ_PERSONAL events, with a writer the test answers by hand. */
class ReadAuditBatchTest {

    /** The writes asked for, each answered when the test says so (or refused at once when it holds a "bad" subject). */
    static final class Writer {
        final List<List<ReadAuditBatch.Event>> writes = new ArrayList<>();
        final List<CompletableFuture<Void>> answers = new ArrayList<>();

        Uni<Void> write(List<ReadAuditBatch.Event> events) {
            writes.add(events);
            if (events.stream().anyMatch(e -> e.subject().equals("bad"))) {
                return Uni.createFrom().failure(new IllegalStateException("value too long"));
            }
            CompletableFuture<Void> answer = new CompletableFuture<>();
            answers.add(answer);
            return Uni.createFrom().completionStage(answer);
        }

        void answer(int write) {
            answers.get(write).complete(null);
        }
    }

    private static ReadAuditBatch.Event event(String subject, int learner) {
        return new ReadAuditBatch.Event(subject, "ADMIN", "learner-" + learner, null, "request-" + subject);
    }

    private static UniAssertSubscriber<Void> append(ReadAuditBatch batch, ReadAuditBatch.Event... events) {
        return batch.append(List.of(events)).subscribe().withSubscriber(UniAssertSubscriber.create());
    }

    @Test
    void anIdleServiceWritesEachRequestAtOnceAndServesItOnceCommitted() {
        Writer writer = new Writer();
        ReadAuditBatch batch = new ReadAuditBatch(writer::write);
        UniAssertSubscriber<Void> one = append(batch, event("a", 1), event("a", 2));
        assertEquals(List.of(List.of(event("a", 1), event("a", 2))), writer.writes);
        one.assertNotTerminated();
        writer.answer(0);
        one.assertCompleted();
        UniAssertSubscriber<Void> two = append(batch, event("b", 3));
        assertEquals(2, writer.writes.size(), "the next request writes at once too");
        writer.answer(1);
        two.assertCompleted();
    }

    @Test
    void requestsArrivingDuringAWriteShareTheNextOne() {
        Writer writer = new Writer();
        ReadAuditBatch batch = new ReadAuditBatch(writer::write);
        UniAssertSubscriber<Void> first = append(batch, event("a", 1));
        UniAssertSubscriber<Void> second = append(batch, event("b", 2));
        UniAssertSubscriber<Void> third = append(batch, event("c", 3), event("c", 4));
        assertEquals(1, writer.writes.size(), "one write at a time");
        writer.answer(0);
        first.assertCompleted();
        assertEquals(List.of(event("b", 2), event("c", 3), event("c", 4)), writer.writes.get(1), "one write for both");
        second.assertNotTerminated();
        third.assertNotTerminated();
        writer.answer(1);
        second.assertCompleted();
        third.assertCompleted();
        assertEquals(2, writer.writes.size());
    }

    @Test
    void aWriteThatFailsIsTriedAgainForEachRequestSoThatOnlyTheUnwritableOneFails() {
        Writer writer = new Writer();
        ReadAuditBatch batch = new ReadAuditBatch(writer::write);
        UniAssertSubscriber<Void> first = append(batch, event("a", 1));
        UniAssertSubscriber<Void> bad = append(batch, event("bad", 2));
        UniAssertSubscriber<Void> good = append(batch, event("c", 3));
        writer.answer(0); // the shared write of bad and good fails at once: each is tried alone
        first.assertCompleted();
        assertEquals(List.of(List.of(event("a", 1)), List.of(event("bad", 2), event("c", 3)), List.of(event("bad", 2)),
                List.of(event("c", 3))), writer.writes);
        bad.assertFailedWith(IllegalStateException.class, "value too long");
        good.assertNotTerminated();
        writer.answer(1);
        good.assertCompleted();
        UniAssertSubscriber<Void> later = append(batch, event("d", 4));
        assertEquals(5, writer.writes.size(), "the batch is free again");
        writer.answer(2);
        later.assertCompleted();
    }

    @Test
    void aWriteHoldsAtMostMaxRowsButNeverSplitsARequest() {
        Writer writer = new Writer();
        ReadAuditBatch batch = new ReadAuditBatch(writer::write);
        append(batch, event("a", 0));
        List<UniAssertSubscriber<Void>> waiting = IntStream.range(0, ReadAuditBatch.MAX_ROWS + 10)
                .mapToObj(i -> append(batch, event("r" + i, i))).toList();
        UniAssertSubscriber<Void> large = append(batch, IntStream.range(0, ReadAuditBatch.MAX_ROWS + 1)
                .mapToObj(i -> event("large", i)).toArray(ReadAuditBatch.Event[]::new));
        writer.answer(0);
        assertEquals(ReadAuditBatch.MAX_ROWS, writer.writes.get(1).size());
        writer.answer(1);
        assertEquals(10 + ReadAuditBatch.MAX_ROWS + 1, writer.writes.get(2).size(), "the rest, and the large request whole");
        writer.answer(2);
        waiting.forEach(UniAssertSubscriber::assertCompleted);
        large.assertCompleted();
        assertTrue(writer.writes.size() == 3);
    }
}
