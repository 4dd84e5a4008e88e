-- CreateTable
CREATE TABLE "Tally" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "topic" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "n" INTEGER NOT NULL
);

-- CreateIndex
CREATE INDEX "Tally_topic_key_n_idx" ON "Tally"("topic", "key", "n");

-- The counts of the rows there are now.
INSERT INTO "Tally" ("topic", "key", "n")
  SELECT 'openTrails', "kind" || ':' || "state", COUNT(*) FROM "Trail" WHERE "closedAt" IS NULL GROUP BY "kind", "state";
INSERT INTO "Tally" ("topic", "key", "n")
  SELECT 'awaitingProcessing', '', COUNT(*) FROM "Position" WHERE "awaitingProcessing";
INSERT INTO "Tally" ("topic", "key", "n")
  SELECT 'awaitingAnswer', '', COUNT(*) FROM "Position" WHERE "awaitingAnswer";
INSERT INTO "Tally" ("topic", "key", "n")
  SELECT 'awaitingAnswerOf', "municipalityId", COUNT(*) FROM "Position"
  WHERE "awaitingAnswer" AND "municipalityId" IS NOT NULL GROUP BY "municipalityId";

-- An open trail counts under its kind and state: a trail that opens, closes, moves to another state or goes
-- takes 1 from its old key and adds 1 to its new one.
CREATE TRIGGER "Trail_tally_insert" AFTER INSERT ON "Trail" WHEN NEW."closedAt" IS NULL
BEGIN
  INSERT INTO "Tally" ("topic", "key", "n") VALUES ('openTrails', NEW."kind" || ':' || NEW."state", 1);
END;

CREATE TRIGGER "Trail_tally_update" AFTER UPDATE OF "closedAt", "kind", "state" ON "Trail"
WHEN (OLD."closedAt" IS NULL) <> (NEW."closedAt" IS NULL)
  OR (NEW."closedAt" IS NULL AND (OLD."kind" <> NEW."kind" OR OLD."state" <> NEW."state"))
BEGIN
  INSERT INTO "Tally" ("topic", "key", "n")
    SELECT 'openTrails', OLD."kind" || ':' || OLD."state", -1 WHERE OLD."closedAt" IS NULL;
  INSERT INTO "Tally" ("topic", "key", "n")
    SELECT 'openTrails', NEW."kind" || ':' || NEW."state", 1 WHERE NEW."closedAt" IS NULL;
END;

CREATE TRIGGER "Trail_tally_delete" AFTER DELETE ON "Trail" WHEN OLD."closedAt" IS NULL
BEGIN
  INSERT INTO "Tally" ("topic", "key", "n") VALUES ('openTrails', OLD."kind" || ':' || OLD."state", -1);
END;

-- A position awaiting processing or an answer counts in all, and awaiting an answer also under its council.
CREATE TRIGGER "Position_tally_insert" AFTER INSERT ON "Position"
WHEN NEW."awaitingProcessing" OR NEW."awaitingAnswer"
BEGIN
  INSERT INTO "Tally" ("topic", "key", "n") SELECT 'awaitingProcessing', '', 1 WHERE NEW."awaitingProcessing";
  INSERT INTO "Tally" ("topic", "key", "n") SELECT 'awaitingAnswer', '', 1 WHERE NEW."awaitingAnswer";
  INSERT INTO "Tally" ("topic", "key", "n")
    SELECT 'awaitingAnswerOf', NEW."municipalityId", 1 WHERE NEW."awaitingAnswer" AND NEW."municipalityId" IS NOT NULL;
END;

CREATE TRIGGER "Position_tally_update" AFTER UPDATE OF "awaitingProcessing", "awaitingAnswer", "municipalityId"
ON "Position"
WHEN OLD."awaitingProcessing" <> NEW."awaitingProcessing" OR OLD."awaitingAnswer" <> NEW."awaitingAnswer"
  OR OLD."municipalityId" IS NOT NEW."municipalityId"
BEGIN
  INSERT INTO "Tally" ("topic", "key", "n")
    SELECT 'awaitingProcessing', '', NEW."awaitingProcessing" - OLD."awaitingProcessing"
    WHERE NEW."awaitingProcessing" <> OLD."awaitingProcessing";
  INSERT INTO "Tally" ("topic", "key", "n")
    SELECT 'awaitingAnswer', '', NEW."awaitingAnswer" - OLD."awaitingAnswer"
    WHERE NEW."awaitingAnswer" <> OLD."awaitingAnswer";
  INSERT INTO "Tally" ("topic", "key", "n")
    SELECT 'awaitingAnswerOf', OLD."municipalityId", -1
    WHERE OLD."awaitingAnswer" AND OLD."municipalityId" IS NOT NULL
      AND (NOT NEW."awaitingAnswer" OR NEW."municipalityId" IS NOT OLD."municipalityId");
  INSERT INTO "Tally" ("topic", "key", "n")
    SELECT 'awaitingAnswerOf', NEW."municipalityId", 1
    WHERE NEW."awaitingAnswer" AND NEW."municipalityId" IS NOT NULL
      AND (NOT OLD."awaitingAnswer" OR NEW."municipalityId" IS NOT OLD."municipalityId");
END;

CREATE TRIGGER "Position_tally_delete" AFTER DELETE ON "Position"
WHEN OLD."awaitingProcessing" OR OLD."awaitingAnswer"
BEGIN
  INSERT INTO "Tally" ("topic", "key", "n") SELECT 'awaitingProcessing', '', -1 WHERE OLD."awaitingProcessing";
  INSERT INTO "Tally" ("topic", "key", "n") SELECT 'awaitingAnswer', '', -1 WHERE OLD."awaitingAnswer";
  INSERT INTO "Tally" ("topic", "key", "n")
    SELECT 'awaitingAnswerOf', OLD."municipalityId", -1 WHERE OLD."awaitingAnswer" AND OLD."municipalityId" IS NOT NULL;
END;
