-- CreateTable
CREATE TABLE "Tally" (
    "id" SERIAL NOT NULL,
    "topic" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "Tally_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Tally_topic_key_n_idx" ON "Tally"("topic", "key", "n");

-- The counts of the rows there are now.
INSERT INTO "Tally" ("topic", "key", "n")
  SELECT 'openTrails', "kind"::TEXT || ':' || "state", COUNT(*) FROM "Trail" WHERE "closedAt" IS NULL
  GROUP BY "kind", "state";
INSERT INTO "Tally" ("topic", "key", "n")
  SELECT 'awaitingProcessing', '', COUNT(*) FROM "Position" WHERE "awaitingProcessing";
INSERT INTO "Tally" ("topic", "key", "n")
  SELECT 'awaitingAnswer', '', COUNT(*) FROM "Position" WHERE "awaitingAnswer";
INSERT INTO "Tally" ("topic", "key", "n")
  SELECT 'awaitingAnswerOf', "municipalityId", COUNT(*) FROM "Position"
  WHERE "awaitingAnswer" AND "municipalityId" IS NOT NULL GROUP BY "municipalityId";

-- An open trail counts under its kind and state: a trail that opens, closes, moves to another state or goes
-- takes 1 from its old key and adds 1 to its new one.
CREATE FUNCTION "trail_tally"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_key TEXT;
  new_key TEXT;
BEGIN
  IF TG_OP <> 'INSERT' AND OLD."closedAt" IS NULL THEN
    old_key := OLD."kind"::TEXT || ':' || OLD."state";
  END IF;
  IF TG_OP <> 'DELETE' AND NEW."closedAt" IS NULL THEN
    new_key := NEW."kind"::TEXT || ':' || NEW."state";
  END IF;
  IF old_key IS DISTINCT FROM new_key THEN
    IF old_key IS NOT NULL THEN INSERT INTO "Tally" ("topic", "key", "n") VALUES ('openTrails', old_key, -1); END IF;
    IF new_key IS NOT NULL THEN INSERT INTO "Tally" ("topic", "key", "n") VALUES ('openTrails', new_key, 1); END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Trail_tally" AFTER INSERT OR DELETE OR UPDATE OF "closedAt", "kind", "state" ON "Trail"
  FOR EACH ROW EXECUTE FUNCTION "trail_tally"();

-- A position awaiting processing or an answer counts in all, and awaiting an answer also under its council.
CREATE FUNCTION "position_tally"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_processing INTEGER := 0;
  new_processing INTEGER := 0;
  old_answer INTEGER := 0;
  new_answer INTEGER := 0;
  old_council TEXT;
  new_council TEXT;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    old_processing := OLD."awaitingProcessing"::INTEGER;
    old_answer := OLD."awaitingAnswer"::INTEGER;
    old_council := OLD."municipalityId";
  END IF;
  IF TG_OP <> 'DELETE' THEN
    new_processing := NEW."awaitingProcessing"::INTEGER;
    new_answer := NEW."awaitingAnswer"::INTEGER;
    new_council := NEW."municipalityId";
  END IF;
  IF new_processing <> old_processing THEN
    INSERT INTO "Tally" ("topic", "key", "n") VALUES ('awaitingProcessing', '', new_processing - old_processing);
  END IF;
  IF new_answer <> old_answer THEN
    INSERT INTO "Tally" ("topic", "key", "n") VALUES ('awaitingAnswer', '', new_answer - old_answer);
  END IF;
  IF old_answer = 1 AND old_council IS NOT NULL AND (new_answer = 0 OR new_council IS DISTINCT FROM old_council) THEN
    INSERT INTO "Tally" ("topic", "key", "n") VALUES ('awaitingAnswerOf', old_council, -1);
  END IF;
  IF new_answer = 1 AND new_council IS NOT NULL AND (old_answer = 0 OR new_council IS DISTINCT FROM old_council) THEN
    INSERT INTO "Tally" ("topic", "key", "n") VALUES ('awaitingAnswerOf', new_council, 1);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Position_tally" AFTER INSERT OR DELETE OR UPDATE OF "awaitingProcessing", "awaitingAnswer",
  "municipalityId" ON "Position"
  FOR EACH ROW EXECUTE FUNCTION "position_tally"();
