-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Cluster" AS ENUM ('H1', 'H4', 'H5');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('SECRETARY', 'CLERK', 'ALDERMAN', 'ADMIN');

-- CreateEnum
CREATE TYPE "BodyKind" AS ENUM ('BO_JEUGD', 'DO', 'GR_BOARD', 'COLLEGE', 'COUNCIL', 'COMMITTEE');

-- CreateEnum
CREATE TYPE "TrailKind" AS ENUM ('VISION', 'PROCUREMENT', 'GR_AMENDMENT', 'EXIT');

-- CreateEnum
CREATE TYPE "PositionKind" AS ENUM ('ZIENSWIJZE', 'WENSEN_EN_BEDENKINGEN', 'CONSENT_GIVEN', 'CONSENT_WITHHELD', 'ADOPTED', 'ADOPTED_WITH_AMENDMENTS', 'REJECTED', 'AMENDMENT', 'MOTION', 'NO_RESPONSE');

-- CreateEnum
CREATE TYPE "ProcessingOutcome" AS ENUM ('ADOPTED', 'PARTLY_ADOPTED', 'NOT_ADOPTED', 'NOT_APPLICABLE');

-- CreateEnum
CREATE TYPE "DocumentKind" AS ENUM ('RAADSVOORSTEL', 'RAADSINFORMATIEBRIEF', 'BESLISPUNTENMEMO', 'OPLEGGER', 'BESLUIT');

-- CreateEnum
CREATE TYPE "PositionItemKind" AS ENUM ('AMENDMENT', 'MOTION');

-- CreateEnum
CREATE TYPE "AllocationMethod" AS ENUM ('INHABITANTS', 'EQUAL', 'PERCENTAGES', 'USAGE');

-- CreateEnum
CREATE TYPE "AmountKind" AS ENUM ('ONE_OFF', 'YEARLY');

-- CreateEnum
CREATE TYPE "BoardChoice" AS ENUM ('FOR', 'AGAINST', 'ABSTAIN', 'ABSENT');

-- CreateEnum
CREATE TYPE "MajorityRule" AS ENUM ('SIMPLE', 'QUALIFIED');

-- CreateTable
CREATE TABLE "Municipality" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "cluster" "Cluster" NOT NULL,
    "participationFrom" TIMESTAMP(3) NOT NULL,
    "participationTo" TIMESTAMP(3),
    "mayorName" TEXT,
    "secretaryName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Municipality_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CouncilMeeting" (
    "id" TEXT NOT NULL,
    "municipalityId" TEXT NOT NULL,
    "bodyKind" "BodyKind" NOT NULL,
    "date" TIMESTAMP(3) NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CouncilMeeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InhabitantCount" (
    "id" TEXT NOT NULL,
    "municipalityId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "source" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InhabitantCount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Body" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "kind" "BodyKind" NOT NULL,
    "name" TEXT NOT NULL,
    "municipalityId" TEXT,

    CONSTRAINT "Body_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "municipalityId" TEXT,
    "passwordHash" TEXT NOT NULL,
    "calendarTokenHash" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'nl',
    "disabledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginAttempt" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "success" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Trail" (
    "id" TEXT NOT NULL,
    "kind" "TrailKind" NOT NULL,
    "title" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "state" TEXT NOT NULL,
    "snapshot" TEXT,
    "machineVersion" INTEGER NOT NULL DEFAULT 1,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Trail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrailFollow" (
    "userId" TEXT NOT NULL,
    "trailId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrailFollow_pkey" PRIMARY KEY ("userId","trailId")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "trailId" TEXT,
    "kind" TEXT NOT NULL,
    "values" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),
    "emailedAt" TIMESTAMP(3),
    "dedupeKey" TEXT,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrailParticipant" (
    "trailId" TEXT NOT NULL,
    "municipalityId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3),

    CONSTRAINT "TrailParticipant_pkey" PRIMARY KEY ("trailId","municipalityId")
);

-- CreateTable
CREATE TABLE "Position" (
    "id" TEXT NOT NULL,
    "trailId" TEXT NOT NULL,
    "bodyId" TEXT NOT NULL,
    "municipalityId" TEXT,
    "kind" "PositionKind" NOT NULL,
    "text" TEXT NOT NULL,
    "meetingDate" TIMESTAMP(3),
    "votesFor" INTEGER,
    "votesAgainst" INTEGER,
    "votesAbstained" INTEGER,
    "legalGround" TEXT,
    "decisionReference" TEXT,
    "partyVotes" TEXT,
    "workflowEvent" TEXT,
    "documentRevisionId" TEXT,
    "supersedesId" TEXT,
    "correctionReason" TEXT,
    "loggedById" TEXT NOT NULL,
    "loggedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Position_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL,
    "positionId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploadedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PositionItem" (
    "id" TEXT NOT NULL,
    "positionId" TEXT NOT NULL,
    "kind" "PositionItemKind" NOT NULL,
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "adopted" BOOLEAN NOT NULL,
    "votesFor" INTEGER,
    "votesAgainst" INTEGER,
    "votesAbstained" INTEGER,
    "decisionPoint" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PositionItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Processing" (
    "id" TEXT NOT NULL,
    "positionId" TEXT NOT NULL,
    "outcome" "ProcessingOutcome" NOT NULL,
    "reason" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "theme" TEXT,
    "decisionPoint" TEXT,
    "processedById" TEXT NOT NULL,
    "processedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Processing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Document" (
    "id" TEXT NOT NULL,
    "trailId" TEXT NOT NULL,
    "kind" "DocumentKind" NOT NULL,
    "title" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DocumentDraft" (
    "documentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "baseRevision" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "savedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DocumentDraft_pkey" PRIMARY KEY ("documentId","userId")
);

-- CreateTable
CREATE TABLE "DocumentRevision" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "note" TEXT,
    "authorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "frozenAt" TIMESTAMP(3),

    CONSTRAINT "DocumentRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deadline" (
    "id" TEXT NOT NULL,
    "trailId" TEXT NOT NULL,
    "municipalityId" TEXT,
    "kind" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "basis" TEXT,
    "metAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Deadline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Event" (
    "sequence" SERIAL NOT NULL,
    "trailId" TEXT,
    "actorId" TEXT,
    "actorRole" "Role",
    "municipalityId" TEXT,
    "type" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "resultingState" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("sequence")
);

-- CreateTable
CREATE TABLE "AllocationKey" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "method" "AllocationMethod" NOT NULL,
    "inhabitantsYear" INTEGER,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AllocationKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AllocationKeyEntry" (
    "id" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "municipalityId" TEXT NOT NULL,
    "value" BIGINT NOT NULL,

    CONSTRAINT "AllocationKeyEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FinancialItem" (
    "id" TEXT NOT NULL,
    "trailId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "kind" "AmountKind" NOT NULL,
    "year" INTEGER NOT NULL,
    "amountCents" BIGINT,
    "keyId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FinancialItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BoardVote" (
    "id" TEXT NOT NULL,
    "trailId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "heldOn" TIMESTAMP(3) NOT NULL,
    "rule" "MajorityRule" NOT NULL,
    "inhabitantsYear" INTEGER NOT NULL,
    "weightFor" INTEGER NOT NULL,
    "weightAgainst" INTEGER NOT NULL,
    "weightAbstained" INTEGER NOT NULL,
    "weightAbsent" INTEGER NOT NULL,
    "adopted" BOOLEAN NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BoardVote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BoardBallot" (
    "id" TEXT NOT NULL,
    "voteId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "member" TEXT NOT NULL,
    "choice" "BoardChoice" NOT NULL,

    CONSTRAINT "BoardBallot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BoardBallotMunicipality" (
    "ballotId" TEXT NOT NULL,
    "municipalityId" TEXT NOT NULL,
    "inhabitants" INTEGER NOT NULL,

    CONSTRAINT "BoardBallotMunicipality_pkey" PRIMARY KEY ("ballotId","municipalityId")
);

-- CreateTable
CREATE TABLE "Contract" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "parties" TEXT NOT NULL DEFAULT '',
    "startsOn" TIMESTAMP(3),
    "firstTermEndsOn" TIMESTAMP(3) NOT NULL,
    "extensionCount" INTEGER NOT NULL DEFAULT 0,
    "extensionMonths" INTEGER NOT NULL DEFAULT 12,
    "tacit" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Contract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExitEstimate" (
    "id" TEXT NOT NULL,
    "trailId" TEXT NOT NULL,
    "annualContributionCents" BIGINT,
    "multipleHundredths" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExitEstimate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Municipality_slug_key" ON "Municipality"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Municipality_name_key" ON "Municipality"("name");

-- CreateIndex
CREATE INDEX "CouncilMeeting_date_idx" ON "CouncilMeeting"("date");

-- CreateIndex
CREATE UNIQUE INDEX "CouncilMeeting_municipalityId_bodyKind_date_key" ON "CouncilMeeting"("municipalityId", "bodyKind", "date");

-- CreateIndex
CREATE UNIQUE INDEX "InhabitantCount_municipalityId_year_key" ON "InhabitantCount"("municipalityId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "Body_slug_key" ON "Body"("slug");

-- CreateIndex
CREATE INDEX "Body_municipalityId_idx" ON "Body"("municipalityId");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_calendarTokenHash_key" ON "User"("calendarTokenHash");

-- CreateIndex
CREATE INDEX "User_municipalityId_idx" ON "User"("municipalityId");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- CreateIndex
CREATE INDEX "LoginAttempt_email_createdAt_idx" ON "LoginAttempt"("email", "createdAt");

-- CreateIndex
CREATE INDEX "LoginAttempt_ip_createdAt_idx" ON "LoginAttempt"("ip", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Trail_reference_key" ON "Trail"("reference");

-- CreateIndex
CREATE INDEX "Trail_kind_state_idx" ON "Trail"("kind", "state");

-- CreateIndex
CREATE INDEX "TrailFollow_trailId_idx" ON "TrailFollow"("trailId");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");

-- CreateIndex
CREATE INDEX "Notification_emailedAt_idx" ON "Notification"("emailedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_userId_dedupeKey_key" ON "Notification"("userId", "dedupeKey");

-- CreateIndex
CREATE INDEX "TrailParticipant_municipalityId_idx" ON "TrailParticipant"("municipalityId");

-- CreateIndex
CREATE UNIQUE INDEX "Position_supersedesId_key" ON "Position"("supersedesId");

-- CreateIndex
CREATE INDEX "Position_trailId_idx" ON "Position"("trailId");

-- CreateIndex
CREATE INDEX "Position_municipalityId_idx" ON "Position"("municipalityId");

-- CreateIndex
CREATE INDEX "Attachment_positionId_idx" ON "Attachment"("positionId");

-- CreateIndex
CREATE INDEX "Attachment_sha256_idx" ON "Attachment"("sha256");

-- CreateIndex
CREATE INDEX "PositionItem_positionId_idx" ON "PositionItem"("positionId");

-- CreateIndex
CREATE UNIQUE INDEX "Processing_positionId_key" ON "Processing"("positionId");

-- CreateIndex
CREATE INDEX "Document_trailId_idx" ON "Document"("trailId");

-- CreateIndex
CREATE UNIQUE INDEX "DocumentRevision_documentId_number_key" ON "DocumentRevision"("documentId", "number");

-- CreateIndex
CREATE INDEX "Deadline_trailId_idx" ON "Deadline"("trailId");

-- CreateIndex
CREATE INDEX "Deadline_municipalityId_dueAt_idx" ON "Deadline"("municipalityId", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Event_hash_key" ON "Event"("hash");

-- CreateIndex
CREATE INDEX "Event_trailId_sequence_idx" ON "Event"("trailId", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "AllocationKey_name_key" ON "AllocationKey"("name");

-- CreateIndex
CREATE UNIQUE INDEX "AllocationKeyEntry_keyId_municipalityId_key" ON "AllocationKeyEntry"("keyId", "municipalityId");

-- CreateIndex
CREATE INDEX "FinancialItem_trailId_idx" ON "FinancialItem"("trailId");

-- CreateIndex
CREATE INDEX "BoardVote_trailId_idx" ON "BoardVote"("trailId");

-- CreateIndex
CREATE UNIQUE INDEX "Contract_name_key" ON "Contract"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ExitEstimate_trailId_key" ON "ExitEstimate"("trailId");

-- AddForeignKey
ALTER TABLE "CouncilMeeting" ADD CONSTRAINT "CouncilMeeting_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InhabitantCount" ADD CONSTRAINT "InhabitantCount_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Body" ADD CONSTRAINT "Body_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Trail" ADD CONSTRAINT "Trail_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrailFollow" ADD CONSTRAINT "TrailFollow_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrailFollow" ADD CONSTRAINT "TrailFollow_trailId_fkey" FOREIGN KEY ("trailId") REFERENCES "Trail"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_trailId_fkey" FOREIGN KEY ("trailId") REFERENCES "Trail"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrailParticipant" ADD CONSTRAINT "TrailParticipant_trailId_fkey" FOREIGN KEY ("trailId") REFERENCES "Trail"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrailParticipant" ADD CONSTRAINT "TrailParticipant_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Position" ADD CONSTRAINT "Position_trailId_fkey" FOREIGN KEY ("trailId") REFERENCES "Trail"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Position" ADD CONSTRAINT "Position_bodyId_fkey" FOREIGN KEY ("bodyId") REFERENCES "Body"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Position" ADD CONSTRAINT "Position_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Position" ADD CONSTRAINT "Position_documentRevisionId_fkey" FOREIGN KEY ("documentRevisionId") REFERENCES "DocumentRevision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Position" ADD CONSTRAINT "Position_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "Position"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Position" ADD CONSTRAINT "Position_loggedById_fkey" FOREIGN KEY ("loggedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_positionId_fkey" FOREIGN KEY ("positionId") REFERENCES "Position"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PositionItem" ADD CONSTRAINT "PositionItem_positionId_fkey" FOREIGN KEY ("positionId") REFERENCES "Position"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Processing" ADD CONSTRAINT "Processing_positionId_fkey" FOREIGN KEY ("positionId") REFERENCES "Position"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Processing" ADD CONSTRAINT "Processing_processedById_fkey" FOREIGN KEY ("processedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_trailId_fkey" FOREIGN KEY ("trailId") REFERENCES "Trail"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentDraft" ADD CONSTRAINT "DocumentDraft_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentDraft" ADD CONSTRAINT "DocumentDraft_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentRevision" ADD CONSTRAINT "DocumentRevision_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentRevision" ADD CONSTRAINT "DocumentRevision_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deadline" ADD CONSTRAINT "Deadline_trailId_fkey" FOREIGN KEY ("trailId") REFERENCES "Trail"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deadline" ADD CONSTRAINT "Deadline_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_trailId_fkey" FOREIGN KEY ("trailId") REFERENCES "Trail"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AllocationKeyEntry" ADD CONSTRAINT "AllocationKeyEntry_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "AllocationKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AllocationKeyEntry" ADD CONSTRAINT "AllocationKeyEntry_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FinancialItem" ADD CONSTRAINT "FinancialItem_trailId_fkey" FOREIGN KEY ("trailId") REFERENCES "Trail"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FinancialItem" ADD CONSTRAINT "FinancialItem_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "AllocationKey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoardVote" ADD CONSTRAINT "BoardVote_trailId_fkey" FOREIGN KEY ("trailId") REFERENCES "Trail"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoardBallot" ADD CONSTRAINT "BoardBallot_voteId_fkey" FOREIGN KEY ("voteId") REFERENCES "BoardVote"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoardBallotMunicipality" ADD CONSTRAINT "BoardBallotMunicipality_ballotId_fkey" FOREIGN KEY ("ballotId") REFERENCES "BoardBallot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoardBallotMunicipality" ADD CONSTRAINT "BoardBallotMunicipality_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExitEstimate" ADD CONSTRAINT "ExitEstimate_trailId_fkey" FOREIGN KEY ("trailId") REFERENCES "Trail"("id") ON DELETE CASCADE ON UPDATE CASCADE;
