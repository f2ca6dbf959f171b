-- Dutch demo data, so a new user sees a living product at first start. Everything here is
-- fictional: the organisation, the interviewers (pseudonyms) and every word they wrote down.
-- No staff account: the first coordinator comes from the one-time setup link.
--
--   Ouders aan het woord 2027    state veldwerk  join code DEMO-OUDR  evening code OUDR27
--   Jongeren aan het woord 2027  state avond     join code DEMO-JONG  evening code JONG27 (opened)
--   Ouders aan het woord 2026    state avond     join code DEMO-2026  evening code OUDR26 (closed:
--                                ready to publish; 40 interviews, enough for results by municipality)
--   Pleegouders aan het woord 2027  state veldwerk  join code DEMO-PLEE  evening code PLEE27 (no
--                                presenters yet: the presenters' story e2e test makes its own)
--
-- Runs after the migrations, as a superuser (RLS does not apply).

insert into app.organisations (id, name) values
	('0a000000-0000-4000-8000-000000000001', 'CJG Noord-Veluwe');

insert into app.municipalities (id, organisation_id, name, cbs_code) values
	('0b000000-0000-4000-8000-000000000001', '0a000000-0000-4000-8000-000000000001', 'Ermelo', 'GM0233'),
	('0b000000-0000-4000-8000-000000000002', '0a000000-0000-4000-8000-000000000001', 'Harderwijk', 'GM0243'),
	('0b000000-0000-4000-8000-000000000003', '0a000000-0000-4000-8000-000000000001', 'Nunspeet', 'GM0302'),
	('0b000000-0000-4000-8000-000000000004', '0a000000-0000-4000-8000-000000000001', 'Oldebroek', 'GM0269'),
	('0b000000-0000-4000-8000-000000000005', '0a000000-0000-4000-8000-000000000001', 'Putten', 'GM0273');

-- Codes are stored normalised: upper case, no dash.
insert into app.rounds (id, organisation_id, title, target_group, state, join_code, evening_code, created_at) values
	('0c000000-0000-4000-8000-000000000001', '0a000000-0000-4000-8000-000000000001',
		'Ouders aan het woord 2027', 'ouders', 'veldwerk', 'DEMOOUDR', 'OUDR27', now() - interval '40 days'),
	('0c000000-0000-4000-8000-000000000002', '0a000000-0000-4000-8000-000000000001',
		'Jongeren aan het woord 2027', 'jongeren', 'avond', 'DEMOJONG', 'JONG27', now() - interval '60 days');

insert into app.round_municipalities (round_id, municipality_id)
select r.id, m.id
from app.rounds r cross join app.municipalities m
where r.organisation_id = '0a000000-0000-4000-8000-000000000001';

insert into app.questions (id, round_id, guide_version, position, kind, prompt, theme,
	scale_min_label, scale_max_label, options) values
	('0d000000-0000-4000-8000-000000000101', '0c000000-0000-4000-8000-000000000001', 1, 0, 'open',
		'Hoe kwam u voor het eerst in contact met het CJG?', 'Eerste contact', null, null, null),
	('0d000000-0000-4000-8000-000000000102', '0c000000-0000-4000-8000-000000000001', 1, 1, 'scale',
		'Hoe vond u de tijd tot u echt hulp kreeg?', 'Wachttijd', 'Veel te lang', 'Precies goed', null),
	('0d000000-0000-4000-8000-000000000103', '0c000000-0000-4000-8000-000000000001', 1, 2, 'open',
		'Hoe werkten de hulpverleners met u en met elkaar samen?', 'Samenwerking', null, null, null),
	('0d000000-0000-4000-8000-000000000104', '0c000000-0000-4000-8000-000000000001', 1, 3, 'single',
		'Kon u meebeslissen over de hulp voor uw kind?', 'Inspraak', null, null,
		array['Ja, altijd', 'Soms', 'Nee']),
	('0d000000-0000-4000-8000-000000000105', '0c000000-0000-4000-8000-000000000001', 1, 4, 'open',
		'Wat wilt u de gemeente meegeven?', 'Inspraak', null, null, null),
	('0d000000-0000-4000-8000-000000000201', '0c000000-0000-4000-8000-000000000002', 1, 0, 'open',
		'Hoe kwam je bij het CJG of de jeugdhulp terecht?', 'Eerste contact', null, null, null),
	('0d000000-0000-4000-8000-000000000202', '0c000000-0000-4000-8000-000000000002', 1, 1, 'scale',
		'Hoe lang moest je wachten voordat je hulp kreeg?', 'Wachttijd', 'Heel lang', 'Helemaal niet lang', null),
	('0d000000-0000-4000-8000-000000000203', '0c000000-0000-4000-8000-000000000002', 1, 2, 'open',
		'Had je het gevoel dat je hulpverleners naar je luisterden?', 'Samenwerking', null, null, null),
	('0d000000-0000-4000-8000-000000000204', '0c000000-0000-4000-8000-000000000002', 1, 3, 'single',
		'Wie besliste vooral over jouw hulp?', 'Inspraak', null, null,
		array['Vooral ik zelf', 'Samen', 'Vooral anderen']),
	('0d000000-0000-4000-8000-000000000205', '0c000000-0000-4000-8000-000000000002', 1, 4, 'open',
		'Wat moet er volgens jou anders?', 'Inspraak', null, null, null);

insert into app.interviewers (id, round_id, display_name, volunteered_at, joined_at) values
	('0e000000-0000-4000-8000-000000000101', '0c000000-0000-4000-8000-000000000001', 'Anouk', now() - interval '20 days', now() - interval '35 days'),
	('0e000000-0000-4000-8000-000000000102', '0c000000-0000-4000-8000-000000000001', 'Fatima', now() - interval '20 days', now() - interval '34 days'),
	('0e000000-0000-4000-8000-000000000103', '0c000000-0000-4000-8000-000000000001', 'Henk', null, now() - interval '33 days'),
	('0e000000-0000-4000-8000-000000000104', '0c000000-0000-4000-8000-000000000001', 'Ilse', null, now() - interval '30 days'),
	('0e000000-0000-4000-8000-000000000201', '0c000000-0000-4000-8000-000000000002', 'Daan', now() - interval '20 days', now() - interval '55 days'),
	('0e000000-0000-4000-8000-000000000202', '0c000000-0000-4000-8000-000000000002', 'Noor', now() - interval '20 days', now() - interval '55 days'),
	('0e000000-0000-4000-8000-000000000203', '0c000000-0000-4000-8000-000000000002', 'Sem', null, now() - interval '52 days'),
	('0e000000-0000-4000-8000-000000000204', '0c000000-0000-4000-8000-000000000002', 'Aylin', null, now() - interval '50 days');

-- Presenters are chosen by their peers: each volunteer is confirmed by the two others of the round
-- (quorum 2), which makes them presenter (presenter_confirmations.sql).
insert into app.presenter_confirmations (round_id, candidate_id, confirmer_id, confirmed_at)
select c.round_id::uuid, c.candidate_id::uuid, c.confirmer_id::uuid, now() - interval '19 days'
from (values
	('0c000000-0000-4000-8000-000000000001', '0e000000-0000-4000-8000-000000000101', '0e000000-0000-4000-8000-000000000103'),
	('0c000000-0000-4000-8000-000000000001', '0e000000-0000-4000-8000-000000000101', '0e000000-0000-4000-8000-000000000104'),
	('0c000000-0000-4000-8000-000000000001', '0e000000-0000-4000-8000-000000000102', '0e000000-0000-4000-8000-000000000103'),
	('0c000000-0000-4000-8000-000000000001', '0e000000-0000-4000-8000-000000000102', '0e000000-0000-4000-8000-000000000104'),
	('0c000000-0000-4000-8000-000000000002', '0e000000-0000-4000-8000-000000000201', '0e000000-0000-4000-8000-000000000203'),
	('0c000000-0000-4000-8000-000000000002', '0e000000-0000-4000-8000-000000000201', '0e000000-0000-4000-8000-000000000204'),
	('0c000000-0000-4000-8000-000000000002', '0e000000-0000-4000-8000-000000000202', '0e000000-0000-4000-8000-000000000203'),
	('0c000000-0000-4000-8000-000000000002', '0e000000-0000-4000-8000-000000000202', '0e000000-0000-4000-8000-000000000204')
) as c (round_id, candidate_id, confirmer_id);

-- Interviews: the interviewee is only a group, an age band and a municipality.
insert into app.interviews (id, round_id, interviewer_id, guide_version, consent_form, consent_at,
	guardian_consent, interviewee_group, age_band, municipality_id, submitted_at)
select v.id::uuid, v.round_id::uuid, v.interviewer_id::uuid, 1, v.consent_form,
	now() - (v.days_ago || ' days')::interval, v.guardian, v.grp, v.age_band, v.municipality_id::uuid,
	now() - (v.days_ago || ' days')::interval
from (values
	('0f000000-0000-4000-8000-000000000101', '0c000000-0000-4000-8000-000000000001', '0e000000-0000-4000-8000-000000000101', 'mondeling', false, 'ouder', '24_plus', '0b000000-0000-4000-8000-000000000001', 28),
	('0f000000-0000-4000-8000-000000000102', '0c000000-0000-4000-8000-000000000001', '0e000000-0000-4000-8000-000000000101', 'schriftelijk', false, 'ouder', '24_plus', '0b000000-0000-4000-8000-000000000002', 25),
	('0f000000-0000-4000-8000-000000000103', '0c000000-0000-4000-8000-000000000001', '0e000000-0000-4000-8000-000000000102', 'mondeling', false, 'ouder', '24_plus', '0b000000-0000-4000-8000-000000000003', 22),
	('0f000000-0000-4000-8000-000000000104', '0c000000-0000-4000-8000-000000000001', '0e000000-0000-4000-8000-000000000102', 'mondeling', false, 'ouder', '18_23', '0b000000-0000-4000-8000-000000000002', 20),
	('0f000000-0000-4000-8000-000000000105', '0c000000-0000-4000-8000-000000000001', '0e000000-0000-4000-8000-000000000103', 'schriftelijk', false, 'ouder', '24_plus', '0b000000-0000-4000-8000-000000000004', 14),
	('0f000000-0000-4000-8000-000000000106', '0c000000-0000-4000-8000-000000000001', '0e000000-0000-4000-8000-000000000104', 'mondeling', false, 'ouder', '24_plus', '0b000000-0000-4000-8000-000000000005', 9),
	('0f000000-0000-4000-8000-000000000107', '0c000000-0000-4000-8000-000000000001', '0e000000-0000-4000-8000-000000000104', 'mondeling', false, 'ouder', '24_plus', '0b000000-0000-4000-8000-000000000001', 5),
	('0f000000-0000-4000-8000-000000000201', '0c000000-0000-4000-8000-000000000002', '0e000000-0000-4000-8000-000000000201', 'mondeling', false, 'jongere', '16_17', '0b000000-0000-4000-8000-000000000002', 45),
	('0f000000-0000-4000-8000-000000000202', '0c000000-0000-4000-8000-000000000002', '0e000000-0000-4000-8000-000000000201', 'schriftelijk', true, 'jongere', '12_15', '0b000000-0000-4000-8000-000000000001', 44),
	('0f000000-0000-4000-8000-000000000203', '0c000000-0000-4000-8000-000000000002', '0e000000-0000-4000-8000-000000000202', 'mondeling', false, 'jongere', '18_23', '0b000000-0000-4000-8000-000000000003', 40),
	('0f000000-0000-4000-8000-000000000204', '0c000000-0000-4000-8000-000000000002', '0e000000-0000-4000-8000-000000000203', 'mondeling', false, 'jongere', '16_17', '0b000000-0000-4000-8000-000000000005', 38),
	('0f000000-0000-4000-8000-000000000205', '0c000000-0000-4000-8000-000000000002', '0e000000-0000-4000-8000-000000000203', 'schriftelijk', false, 'jongere', '18_23', '0b000000-0000-4000-8000-000000000004', 33),
	('0f000000-0000-4000-8000-000000000206', '0c000000-0000-4000-8000-000000000002', '0e000000-0000-4000-8000-000000000204', 'mondeling', false, 'jongere', '16_17', '0b000000-0000-4000-8000-000000000002', 30),
	('0f000000-0000-4000-8000-000000000207', '0c000000-0000-4000-8000-000000000002', '0e000000-0000-4000-8000-000000000204', 'schriftelijk', true, 'jongere', '12_15', '0b000000-0000-4000-8000-000000000005', 28)
) as v (id, round_id, interviewer_id, consent_form, guardian, grp, age_band, municipality_id, days_ago);

-- Answers by question position: open text, scale 1-5, or one choice.
insert into app.answers (interview_id, question_id, text_value, scale_value, choices)
select v.interview_id::uuid, q.id, v.text_value, v.scale_value,
	case when v.choice is not null then array[v.choice] end
from (values
	('0f000000-0000-4000-8000-000000000101', 0, 'Via de huisarts. Die zei: bel het CJG maar. Dat heb ik drie keer gedaan voor ik iemand sprak.', null::smallint, null),
	('0f000000-0000-4000-8000-000000000101', 1, null, 2, null),
	('0f000000-0000-4000-8000-000000000101', 2, 'Iedereen was aardig, maar ik moest mijn verhaal steeds opnieuw vertellen.', null, null),
	('0f000000-0000-4000-8000-000000000101', 3, null, null, 'Soms'),
	('0f000000-0000-4000-8000-000000000101', 4, 'Zorg dat er één vast persoon is voor een gezin.', null, null),
	('0f000000-0000-4000-8000-000000000102', 0, 'De school belde het CJG. Ik wist eerst niet eens wat dat was.', null, null),
	('0f000000-0000-4000-8000-000000000102', 1, null, 1, null),
	('0f000000-0000-4000-8000-000000000102', 2, 'School en hulpverlener spraken over ons, niet met ons.', null, null),
	('0f000000-0000-4000-8000-000000000102', 3, null, null, 'Nee'),
	('0f000000-0000-4000-8000-000000000102', 4, 'Neem ouders mee in elk gesprek over hun kind.', null, null),
	('0f000000-0000-4000-8000-000000000103', 0, 'Ik kwam zelf binnen op het inloopspreekuur. Dat was fijn, zonder afspraak.', null, null),
	('0f000000-0000-4000-8000-000000000103', 1, null, 4, null),
	('0f000000-0000-4000-8000-000000000103', 2, 'Mijn contactpersoon regelde alles. Ik hoefde niet zelf te bellen.', null, null),
	('0f000000-0000-4000-8000-000000000103', 3, null, null, 'Ja, altijd'),
	('0f000000-0000-4000-8000-000000000103', 4, 'Houd het inloopspreekuur open, ook in de kleine dorpen.', null, null),
	('0f000000-0000-4000-8000-000000000104', 0, 'Via een vriendin die zelf ook hulp had gehad.', null, null),
	('0f000000-0000-4000-8000-000000000104', 1, null, 2, null),
	('0f000000-0000-4000-8000-000000000104', 3, null, null, 'Soms'),
	('0f000000-0000-4000-8000-000000000104', 4, 'Jonge ouders worden snel niet serieus genomen. Luister eerst.', null, null),
	('0f000000-0000-4000-8000-000000000105', 0, 'Het wijkteam kwam bij ons thuis. Dat voelde eerst als controle.', null, null),
	('0f000000-0000-4000-8000-000000000105', 1, null, 3, null),
	('0f000000-0000-4000-8000-000000000105', 2, 'Na een paar weken ging het beter. Ze vroegen wat wij nodig hadden.', null, null),
	('0f000000-0000-4000-8000-000000000105', 3, null, null, 'Soms'),
	('0f000000-0000-4000-8000-000000000106', 0, 'Via het consultatiebureau.', null, null),
	('0f000000-0000-4000-8000-000000000106', 1, null, 1, null),
	('0f000000-0000-4000-8000-000000000106', 2, 'We stonden maanden op een wachtlijst en niemand belde ons in die tijd.', null, null),
	('0f000000-0000-4000-8000-000000000106', 3, null, null, 'Nee'),
	('0f000000-0000-4000-8000-000000000106', 4, 'Bel ouders op tijdens het wachten. Even vragen hoe het gaat helpt al.', null, null),
	('0f000000-0000-4000-8000-000000000107', 0, 'De juf van groep 3 gaf ons het nummer.', null, null),
	('0f000000-0000-4000-8000-000000000107', 1, null, 4, null),
	('0f000000-0000-4000-8000-000000000107', 3, null, null, 'Ja, altijd'),
	('0f000000-0000-4000-8000-000000000107', 4, 'Maak de formulieren korter en makkelijker.', null, null),
	('0f000000-0000-4000-8000-000000000201', 0, 'Mijn mentor op school zag dat het niet goed ging en regelde een gesprek.', null, null),
	('0f000000-0000-4000-8000-000000000201', 1, null, 2, null),
	('0f000000-0000-4000-8000-000000000201', 2, 'Soms wel. Maar ze praatten vaak meer met mijn moeder dan met mij.', null, null),
	('0f000000-0000-4000-8000-000000000201', 3, null, null, 'Vooral anderen'),
	('0f000000-0000-4000-8000-000000000201', 4, 'Vraag het gewoon aan ons. Wij weten zelf wat we nodig hebben.', null, null),
	('0f000000-0000-4000-8000-000000000202', 0, 'Mijn ouders hebben het geregeld.', null, null),
	('0f000000-0000-4000-8000-000000000202', 1, null, 3, null),
	('0f000000-0000-4000-8000-000000000202', 2, 'Ja, mijn hulpverlener was echt oké. Ze appte ook terug.', null, null),
	('0f000000-0000-4000-8000-000000000202', 3, null, null, 'Samen'),
	('0f000000-0000-4000-8000-000000000203', 0, 'Ik heb zelf gezocht op internet en toen een mail gestuurd.', null, null),
	('0f000000-0000-4000-8000-000000000203', 1, null, 1, null),
	('0f000000-0000-4000-8000-000000000203', 2, 'Ik kreeg drie keer een andere hulpverlener. Elke keer opnieuw beginnen.', null, null),
	('0f000000-0000-4000-8000-000000000203', 3, null, null, 'Vooral anderen'),
	('0f000000-0000-4000-8000-000000000203', 4, 'Eén persoon die blijft. Ook als je achttien wordt.', null, null),
	('0f000000-0000-4000-8000-000000000204', 0, 'Via de huisarts.', null, null),
	('0f000000-0000-4000-8000-000000000204', 1, null, 2, null),
	('0f000000-0000-4000-8000-000000000204', 2, 'Ze luisterden wel, maar daarna gebeurde er weinig.', null, null),
	('0f000000-0000-4000-8000-000000000204', 4, 'Gesprekken na school, niet onder lestijd.', null, null),
	('0f000000-0000-4000-8000-000000000205', 0, 'Een vriend nam me mee naar het jongerenwerk. Zij verwezen me door.', null, null),
	('0f000000-0000-4000-8000-000000000205', 1, null, 4, null),
	('0f000000-0000-4000-8000-000000000205', 2, 'Het jongerenwerk en de hulpverlener werkten goed samen.', null, null),
	('0f000000-0000-4000-8000-000000000205', 3, null, null, 'Vooral ik zelf'),
	('0f000000-0000-4000-8000-000000000206', 0, 'School.', null, null),
	('0f000000-0000-4000-8000-000000000206', 1, null, 1, null),
	('0f000000-0000-4000-8000-000000000206', 2, 'Ik moest mijn verhaal aan heel veel mensen vertellen.', null, null),
	('0f000000-0000-4000-8000-000000000206', 3, null, null, 'Samen'),
	('0f000000-0000-4000-8000-000000000206', 4, 'Meer online hulp, dan hoef je niet steeds te reizen.', null, null),
	('0f000000-0000-4000-8000-000000000207', 0, 'Via mijn oudere zus.', null, null),
	('0f000000-0000-4000-8000-000000000207', 1, null, 3, null),
	('0f000000-0000-4000-8000-000000000207', 3, null, null, 'Samen')
) as v (interview_id, position, text_value, scale_value, choice)
join app.interviews i on i.id = v.interview_id::uuid
join app.questions q on q.round_id = i.round_id and q.guide_version = 1 and q.position = v.position;

insert into app.findings (id, round_id, interviewer_id, interview_id, statement, quote, theme, created_at, updated_at)
select v.id::uuid, v.round_id::uuid, v.interviewer_id::uuid, v.interview_id::uuid, v.statement, v.quote,
	v.theme, now() - (v.days_ago || ' days')::interval, now() - (v.days_ago || ' days')::interval
from (values
	('10000000-0000-4000-8000-000000000101', '0c000000-0000-4000-8000-000000000001', '0e000000-0000-4000-8000-000000000101', '0f000000-0000-4000-8000-000000000101',
		'Ouders moeten vaak meerdere keren bellen voordat ze iemand spreken.', 'Ik heb drie keer gebeld voor ik iemand sprak.', 'Eerste contact', 27),
	('10000000-0000-4000-8000-000000000102', '0c000000-0000-4000-8000-000000000001', '0e000000-0000-4000-8000-000000000101', '0f000000-0000-4000-8000-000000000102',
		'School en hulpverleners praten over ouders, in plaats van met ouders.', 'Ze spraken over ons, niet met ons.', 'Samenwerking', 24),
	('10000000-0000-4000-8000-000000000103', '0c000000-0000-4000-8000-000000000001', '0e000000-0000-4000-8000-000000000102', '0f000000-0000-4000-8000-000000000103',
		'Het inloopspreekuur zonder afspraak maakt de eerste stap klein.', null, 'Eerste contact', 21),
	('10000000-0000-4000-8000-000000000104', '0c000000-0000-4000-8000-000000000001', '0e000000-0000-4000-8000-000000000102', null,
		'Ouders willen één vast aanspreekpunt, zodat ze hun verhaal niet steeds opnieuw hoeven te vertellen.', null, 'Samenwerking', 19),
	('10000000-0000-4000-8000-000000000105', '0c000000-0000-4000-8000-000000000001', '0e000000-0000-4000-8000-000000000104', '0f000000-0000-4000-8000-000000000106',
		'Tijdens de wachttijd hoort niemand iets. Ouders voelen zich dan vergeten.', 'Even bellen hoe het gaat, dat helpt al.', 'Wachttijd', 8),
	('10000000-0000-4000-8000-000000000106', '0c000000-0000-4000-8000-000000000001', '0e000000-0000-4000-8000-000000000103', '0f000000-0000-4000-8000-000000000105',
		'Een huisbezoek voelt eerst als controle. Vertrouwen komt als hulpverleners vragen wat het gezin nodig heeft.', null, 'Samenwerking', 13),
	('10000000-0000-4000-8000-000000000107', '0c000000-0000-4000-8000-000000000001', '0e000000-0000-4000-8000-000000000104', '0f000000-0000-4000-8000-000000000107',
		'De formulieren zijn te lang en te moeilijk.', null, 'Inspraak', 4),
	('10000000-0000-4000-8000-000000000108', '0c000000-0000-4000-8000-000000000001', '0e000000-0000-4000-8000-000000000101', '0f000000-0000-4000-8000-000000000104',
		'Jonge ouders voelen zich minder serieus genomen.', 'Luister eerst, oordeel later.', 'Inspraak', 19),
	('10000000-0000-4000-8000-000000000201', '0c000000-0000-4000-8000-000000000002', '0e000000-0000-4000-8000-000000000201', '0f000000-0000-4000-8000-000000000201',
		'Hulpverleners praten vaak meer met ouders dan met de jongere zelf.', 'Vraag het gewoon aan ons.', 'Inspraak', 44),
	('10000000-0000-4000-8000-000000000202', '0c000000-0000-4000-8000-000000000002', '0e000000-0000-4000-8000-000000000202', '0f000000-0000-4000-8000-000000000203',
		'Steeds een andere hulpverlener betekent steeds opnieuw beginnen.', 'Elke keer moest ik alles weer uitleggen.', 'Samenwerking', 39),
	('10000000-0000-4000-8000-000000000203', '0c000000-0000-4000-8000-000000000002', '0e000000-0000-4000-8000-000000000202', null,
		'De overstap naar volwassenenzorg op je achttiende is eng. Jongeren willen dat hun hulpverlener blijft.', null, 'Samenwerking', 37),
	('10000000-0000-4000-8000-000000000204', '0c000000-0000-4000-8000-000000000002', '0e000000-0000-4000-8000-000000000203', '0f000000-0000-4000-8000-000000000204',
		'Gesprekken onder schooltijd zorgen voor gemiste lessen en vragen van klasgenoten.', 'Liever na school.', 'Inspraak', 36),
	('10000000-0000-4000-8000-000000000205', '0c000000-0000-4000-8000-000000000002', '0e000000-0000-4000-8000-000000000203', '0f000000-0000-4000-8000-000000000205',
		'Via het jongerenwerk is de stap naar hulp kleiner.', null, 'Eerste contact', 32),
	('10000000-0000-4000-8000-000000000206', '0c000000-0000-4000-8000-000000000002', '0e000000-0000-4000-8000-000000000204', '0f000000-0000-4000-8000-000000000206',
		'Wachten op hulp duurt te lang. In die tijd wordt het vaak erger.', 'Ik wachtte vier maanden.', 'Wachttijd', 29),
	('10000000-0000-4000-8000-000000000207', '0c000000-0000-4000-8000-000000000002', '0e000000-0000-4000-8000-000000000204', '0f000000-0000-4000-8000-000000000207',
		'Een hulpverlener die terug appt, voelt dichtbij.', 'Ze appte gewoon terug, dat was fijn.', 'Samenwerking', 27),
	('10000000-0000-4000-8000-000000000208', '0c000000-0000-4000-8000-000000000002', '0e000000-0000-4000-8000-000000000201', null,
		'Online hulp scheelt reizen, vooral in de kleinere dorpen.', null, 'Eerste contact', 26)
) as v (id, round_id, interviewer_id, interview_id, statement, quote, theme, days_ago);

-- The youth round's evening is open: Daan (#1) opened it, the board shows the title slide.
-- The seed is one transaction: the deferred chain triggers run now, so the chain entries of the
-- findings above come before the opening (evenings.opened_chain_seq), as in real life.
set constraints all immediate;
insert into app.evenings (round_id, opened_at, opened_by, position) values
	('0c000000-0000-4000-8000-000000000002', now() - interval '1 hour', '0e000000-0000-4000-8000-000000000201', 0);
select app.build_slides('0c000000-0000-4000-8000-000000000002');
insert into app.evening_events (round_id, kind, position, actor_id, actor_name, created_at) values
	('0c000000-0000-4000-8000-000000000002', 'opened', 0, '0e000000-0000-4000-8000-000000000201', '#1', now() - interval '1 hour');

-- Last year's parents round: the evening is over, the coordinator can publish it and see the
-- results. 40 interviews, spread unevenly over the municipalities (Oldebroek has 3, so its row in
-- a breakdown is hidden), with made-up but steady answers: the same demo every time.
insert into app.rounds (id, organisation_id, title, target_group, state, join_code, evening_code, created_at) values
	('0c000000-0000-4000-8000-000000000003', '0a000000-0000-4000-8000-000000000001',
		'Ouders aan het woord 2026', 'ouders', 'avond', 'DEMO2026', 'OUDR26', now() - interval '400 days');

insert into app.round_municipalities (round_id, municipality_id)
select '0c000000-0000-4000-8000-000000000003', m.id
from app.municipalities m where m.organisation_id = '0a000000-0000-4000-8000-000000000001';

insert into app.questions (id, round_id, guide_version, position, kind, prompt, theme,
	scale_min_label, scale_max_label, options) values
	('0d000000-0000-4000-8000-000000000301', '0c000000-0000-4000-8000-000000000003', 1, 0, 'open',
		'Hoe kwam u voor het eerst in contact met het CJG?', 'Eerste contact', null, null, null),
	('0d000000-0000-4000-8000-000000000302', '0c000000-0000-4000-8000-000000000003', 1, 1, 'scale',
		'Hoe vond u de tijd tot u echt hulp kreeg?', 'Wachttijd', 'Veel te lang', 'Precies goed', null),
	('0d000000-0000-4000-8000-000000000303', '0c000000-0000-4000-8000-000000000003', 1, 2, 'single',
		'Kon u meebeslissen over de hulp voor uw kind?', 'Inspraak', null, null,
		array['Ja, altijd', 'Soms', 'Nee']),
	('0d000000-0000-4000-8000-000000000304', '0c000000-0000-4000-8000-000000000003', 1, 3, 'multi',
		'Wie hielp er mee?', 'Samenwerking', null, null, array['School', 'Huisarts', 'Familie']);

insert into app.interviewers (id, round_id, display_name, volunteered_at, joined_at) values
	('0e000000-0000-4000-8000-000000000301', '0c000000-0000-4000-8000-000000000003', 'Mirjam', now() - interval '380 days', now() - interval '390 days'),
	('0e000000-0000-4000-8000-000000000302', '0c000000-0000-4000-8000-000000000003', 'Kees', now() - interval '380 days', now() - interval '390 days'),
	('0e000000-0000-4000-8000-000000000303', '0c000000-0000-4000-8000-000000000003', 'Sanne', null, now() - interval '388 days');

-- Mirjam and Kees present: each confirmed by the two others (quorum 2).
insert into app.presenter_confirmations (round_id, candidate_id, confirmer_id, confirmed_at)
select '0c000000-0000-4000-8000-000000000003', c.candidate_id::uuid, c.confirmer_id::uuid, now() - interval '379 days'
from (values
	('0e000000-0000-4000-8000-000000000301', '0e000000-0000-4000-8000-000000000302'),
	('0e000000-0000-4000-8000-000000000301', '0e000000-0000-4000-8000-000000000303'),
	('0e000000-0000-4000-8000-000000000302', '0e000000-0000-4000-8000-000000000301'),
	('0e000000-0000-4000-8000-000000000302', '0e000000-0000-4000-8000-000000000303')
) as c (candidate_id, confirmer_id);

-- Interview n (1..40): Ermelo 12, Harderwijk 14, Nunspeet 6, Oldebroek 3, Putten 5.
insert into app.interviews (id, round_id, interviewer_id, guide_version, consent_form, consent_at,
	guardian_consent, interviewee_group, age_band, municipality_id, submitted_at)
select ('0f000000-0000-4000-8000-000000003' || lpad(n::text, 3, '0'))::uuid,
	'0c000000-0000-4000-8000-000000000003',
	('0e000000-0000-4000-8000-00000000030' || (1 + n % 3))::uuid, 1,
	case when n % 4 = 0 then 'schriftelijk' else 'mondeling' end,
	now() - ((380 - n) || ' days')::interval, false, 'ouder',
	case when n % 5 = 0 then '18_23' else '24_plus' end,
	('0b000000-0000-4000-8000-00000000000' || case
		when n <= 12 then 1 when n <= 26 then 2 when n <= 32 then 3 when n <= 35 then 4 else 5 end)::uuid,
	now() - ((380 - n) || ' days')::interval
from generate_series(1, 40) n;

insert into app.answers (interview_id, question_id, text_value, scale_value, choices)
select ('0f000000-0000-4000-8000-000000003' || lpad(n::text, 3, '0'))::uuid, q.id,
	case q.position when 0 then case n % 3
		when 0 then 'Via de huisarts.' when 1 then 'De school belde het CJG.' else 'Zelf gebeld na een folder.' end
	end,
	case q.position when 1 then (1 + (n * 7) % 5)::smallint end,
	case q.position
		when 2 then array[(array['Ja, altijd', 'Soms', 'Soms', 'Nee'])[1 + n % 4]]
		when 3 then case when n % 3 = 0 then array['School', 'Familie'] else array['School'] end
	end
from generate_series(1, 40) n
join app.questions q on q.round_id = '0c000000-0000-4000-8000-000000000003';

insert into app.findings (id, round_id, interviewer_id, interview_id, statement, quote, theme, created_at, updated_at)
select v.id::uuid, '0c000000-0000-4000-8000-000000000003', v.interviewer_id::uuid, null, v.statement,
	v.quote, v.theme, now() - interval '375 days', now() - interval '375 days'
from (values
	('10000000-0000-4000-8000-000000000301', '0e000000-0000-4000-8000-000000000301',
		'Ouders wachten maanden op een eerste gesprek.', 'Ik wist niet waar ik aan toe was.', 'Wachttijd'),
	('10000000-0000-4000-8000-000000000302', '0e000000-0000-4000-8000-000000000302',
		'Als school meedenkt, gaat het sneller.', null, 'Samenwerking'),
	('10000000-0000-4000-8000-000000000303', '0e000000-0000-4000-8000-000000000303',
		'Ouders willen vaker zelf mee beslissen.', 'Het ging over mijn kind, niet over een dossier.', 'Inspraak')
) as v (id, interviewer_id, statement, quote, theme);

insert into app.evenings (round_id, opened_at, opened_by, closed_at, closed_by, position) values
	('0c000000-0000-4000-8000-000000000003', now() - interval '360 days', '0e000000-0000-4000-8000-000000000301',
		now() - interval '360 days' + interval '2 hours', '0e000000-0000-4000-8000-000000000301', 0);
select app.build_slides('0c000000-0000-4000-8000-000000000003');
insert into app.reactions (round_id, slide_position, kind, client_key)
select '0c000000-0000-4000-8000-000000000003', 2, 'herkenbaar', 'demo-' || n from generate_series(1, 12) n;
insert into app.evening_events (round_id, kind, position, actor_id, actor_name, created_at) values
	('0c000000-0000-4000-8000-000000000003', 'opened', 0, '0e000000-0000-4000-8000-000000000301', '#1', now() - interval '360 days'),
	('0c000000-0000-4000-8000-000000000003', 'closed', 0, '0e000000-0000-4000-8000-000000000301', '#1', now() - interval '360 days' + interval '2 hours');

-- A small foster parents round in fieldwork, three findings in two themes: a round of its own for
-- the presenters' story (tests/e2e/story.test.ts opens its evening), so no other demo changes.
insert into app.rounds (id, organisation_id, title, target_group, state, join_code, evening_code, created_at) values
	('0c000000-0000-4000-8000-000000000004', '0a000000-0000-4000-8000-000000000001',
		'Pleegouders aan het woord 2027', 'ouders', 'veldwerk', 'DEMOPLEE', 'PLEE27', now() - interval '30 days');

insert into app.round_municipalities (round_id, municipality_id)
select '0c000000-0000-4000-8000-000000000004', m.id
from app.municipalities m where m.organisation_id = '0a000000-0000-4000-8000-000000000001';

insert into app.questions (id, round_id, guide_version, position, kind, prompt, theme,
	scale_min_label, scale_max_label, options) values
	('0d000000-0000-4000-8000-000000000401', '0c000000-0000-4000-8000-000000000004', 1, 0, 'open',
		'Hoe kreeg u hulp toen het pleegkind bij u kwam?', 'Eerste contact', null, null, null),
	('0d000000-0000-4000-8000-000000000402', '0c000000-0000-4000-8000-000000000004', 1, 1, 'scale',
		'Hoe vond u de tijd tot u echt hulp kreeg?', 'Wachttijd', 'Veel te lang', 'Precies goed', null);

insert into app.interviewers (id, round_id, display_name, joined_at) values
	('0e000000-0000-4000-8000-000000000401', '0c000000-0000-4000-8000-000000000004', 'Lotte', now() - interval '25 days');

insert into app.findings (id, round_id, interviewer_id, interview_id, statement, quote, theme, created_at, updated_at)
select v.id::uuid, '0c000000-0000-4000-8000-000000000004', '0e000000-0000-4000-8000-000000000401', null,
	v.statement, v.quote, v.theme, now() - (v.days_ago || ' days')::interval,
	now() - (v.days_ago || ' days')::interval
from (values
	('10000000-0000-4000-8000-000000000401', 'Pleegouders weten in het begin niet wie ze kunnen bellen.',
		'Ik had een map vol papieren en geen telefoonnummer.', 'Eerste contact', 20),
	('10000000-0000-4000-8000-000000000402', 'Een vaste begeleider maakt de eerste weken rustiger.', null,
		'Eerste contact', 18),
	('10000000-0000-4000-8000-000000000403', 'Op een plek in de speltherapie wachten pleegkinderen maanden.',
		'Hij wachtte een half jaar, wij wachtten mee.', 'Wachttijd', 15)
) as v (id, statement, quote, theme, days_ago);
