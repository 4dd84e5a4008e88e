import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { fromDateInputValue, toDateInputValue } from "~/utils/format";
import { clientFor, formPost, get, outcome, type Client } from "../../test/factories/request";
import { createTrail } from "../../test/factories/trail";
import { addDays } from "~workflows/shared/dates";
import { action as proposalAction, loader as proposalLoader } from "./trajecten.$trailId_.agenda";
import { loader as positionLoader } from "./trajecten.$trailId_.standpunt.$municipalityId";
import { action as meetingAction, loader as meetingLoader } from "./vergaderingen_.$meetingId";
import { loader as meetingsLoader } from "./vergaderingen";

const clients: Record<string, Client> = {};
let delft: string;
let trailId: string;
let meetingId: string;

beforeAll(async () => {
  for (const who of ["secretaris", "griffier.delft", "griffier.rijswijk", "wethouder.delft"])
    clients[who] = await clientFor(`${who}@h10.example`);
  delft = (await prisma.municipality.findUniqueOrThrow({ where: { slug: "delft" } })).id;
  trailId = (await createTrail("GR_AMENDMENT", [delft])).id;
  meetingId = (
    await prisma.councilMeeting.create({
      data: {
        municipalityId: delft,
        bodyKind: "COUNCIL",
        date: fromDateInputValue(addDays(toDateInputValue(new Date()), 77)),
      },
    })
  ).id;
});

const params = { trailId: "", municipalityId: "", meetingId: "" };

describe("the meetings and their agendas, per role", () => {
  it("lets everyone signed in read every council's meetings and agendas, and no one signed out", async () => {
    for (const who of ["secretaris", "wethouder.delft", "griffier.rijswijk"]) {
      const list = await outcome(() =>
        meetingsLoader({ request: get(clients[who]!, `/vergaderingen?gemeente=${delft}`), params, context: {} }),
      );
      expect(list.status, who).toBe(200);
      expect(
        (list.body as { meetings: { id: string }[] }).meetings.map((m) => m.id),
        who,
      ).toContain(meetingId);
      const page = await outcome(() =>
        meetingLoader({ request: get(clients[who]!, "/"), params: { ...params, meetingId }, context: {} }),
      );
      expect(page.status, who).toBe(200);
      // Only Delft's clerk keeps Delft's agenda.
      expect((page.body as { mayKeep: boolean }).mayKeep, who).toBe(false);
    }
    const anonymous = await clientFor();
    const signedOut = await outcome(() =>
      meetingsLoader({ request: get(anonymous, "/vergaderingen"), params, context: {} }),
    );
    expect(signedOut.status).toBe(302);
  });

  it("takes a proposal from a secretary, refuses an alderman's, and lets only Delft's clerk accept it", async () => {
    const refused = await outcome(() =>
      proposalLoader({ request: get(clients["wethouder.delft"]!, "/"), params: { ...params, trailId }, context: {} }),
    );
    expect(refused.status).toBe(403);
    const form = await outcome(() =>
      proposalLoader({ request: get(clients.secretaris!, "/"), params: { ...params, trailId }, context: {} }),
    );
    expect((form.body as { meetings: { id: string }[] }).meetings.map((m) => m.id)).toContain(meetingId);
    // No meeting chosen: a Dutch field error, nothing written.
    const empty = await outcome(() =>
      proposalAction({
        request: formPost(clients.secretaris!, "/", { title: "Wijziging GR" }),
        params: { ...params, trailId },
        context: {},
      }),
    );
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain("validation.meetingRequired");
    expect(await prisma.agendaItem.count({ where: { trailId } })).toBe(0);
    const proposed = await outcome(() =>
      proposalAction({
        request: formPost(clients.secretaris!, "/", { meetingId, title: "Wijziging GR Jeugdhulp" }),
        params: { ...params, trailId },
        context: {},
      }),
    );
    expect(proposed.status).toBe(302);
    const item = await prisma.agendaItem.findFirstOrThrow({ where: { trailId } });
    const accept = (who: string) =>
      outcome(() =>
        meetingAction({
          request: formPost(clients[who]!, "/", { intent: "accept", itemId: item.id }),
          params: { ...params, meetingId },
          context: {},
        }),
      );
    expect((await accept("griffier.rijswijk")).status).toBe(403);
    expect((await accept("secretaris")).status).toBe(403);
    expect((await prisma.agendaItem.findUniqueOrThrow({ where: { id: item.id } })).status).toBe("PROPOSED");
    expect((await accept("griffier.delft")).status).toBe(200);
    expect((await prisma.agendaItem.findUniqueOrThrow({ where: { id: item.id } })).status).toBe("ACCEPTED");
    // A second accept is said on the page (409), not an error page.
    const twice = await accept("griffier.delft");
    expect(twice).toMatchObject({ status: 409, body: { error: "agenda_item_accepted" } });

    // The meeting is weeks ahead: its page offers no decision to log yet (a future meeting date is refused); on the
    // meeting's day it does, to Delft's clerk only.
    const mayLog = async (who: string) =>
      (
        (
          await outcome(() =>
            meetingLoader({ request: get(clients[who]!, "/"), params: { ...params, meetingId }, context: {} }),
          )
        ).body as { mayLog: boolean }
      ).mayLog;
    expect(await mayLog("griffier.delft")).toBe(false);
    await prisma.councilMeeting.update({
      where: { id: meetingId },
      data: { date: fromDateInputValue(toDateInputValue(new Date())) },
    });
    expect(await mayLog("griffier.delft")).toBe(true);
    expect(await mayLog("griffier.rijswijk")).toBe(false);
    await prisma.councilMeeting.update({
      where: { id: meetingId },
      data: { date: fromDateInputValue(addDays(toDateInputValue(new Date()), 77)) },
    });

    // Delft's clerk opens the form from the item of a meeting still ahead: the item comes with it, said not held, so
    // that its date is not offered as the day of the decision.
    const position = await outcome(() =>
      positionLoader({
        request: get(clients["griffier.delft"]!, `/?agendapunt=${item.id}`),
        params: { ...params, trailId, municipalityId: delft },
        context: {},
      }),
    );
    expect(position.status).toBe(200);
    expect((position.body as { agendaItem: unknown }).agendaItem).toMatchObject({
      id: item.id,
      number: 1,
      meetingDate: addDays(toDateInputValue(new Date()), 77),
      held: false,
    });
    // Once the meeting day has come, the form takes the meeting's date as the day of the decision.
    await prisma.councilMeeting.update({
      where: { id: meetingId },
      data: { date: fromDateInputValue(toDateInputValue(new Date())) },
    });
    const onTheDay = await outcome(() =>
      positionLoader({
        request: get(clients["griffier.delft"]!, `/?agendapunt=${item.id}`),
        params: { ...params, trailId, municipalityId: delft },
        context: {},
      }),
    );
    expect((onTheDay.body as { agendaItem: unknown }).agendaItem).toMatchObject({
      meetingDate: toDateInputValue(new Date()),
      held: true,
    });
    const otherItem = await outcome(() =>
      positionLoader({
        request: get(clients["griffier.delft"]!, "/?agendapunt=bestaat-niet"),
        params: { ...params, trailId, municipalityId: delft },
        context: {},
      }),
    );
    expect(otherItem.status).toBe(404);
    // A council that does not take part is said as such, not as a trail that does not exist.
    const rijswijk = (await prisma.municipality.findUniqueOrThrow({ where: { slug: "rijswijk" } })).id;
    const notTakingPart = await outcome(() =>
      positionLoader({
        request: get(clients["griffier.rijswijk"]!, "/"),
        params: { ...params, trailId, municipalityId: rijswijk },
        context: {},
      }),
    );
    expect(notTakingPart).toMatchObject({ status: 404, body: { code: "not_a_participant" } });
    const noTrail = await outcome(() =>
      positionLoader({
        request: get(clients["griffier.delft"]!, "/"),
        params: { ...params, trailId: "bestaat-niet", municipalityId: delft },
        context: {},
      }),
    );
    expect(noTrail).toMatchObject({ status: 404, body: { code: "trail_not_found" } });
  });
});
