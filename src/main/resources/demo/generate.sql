-- Forsa demo data: deterministic from ${seed}; ${learners} learners, ${associations} associations, ${centers} centres,
-- plus the showcase (index 0): an ACTIVE association in Rabat whose OPEN centre E2C-RAB-00001 (the import template's
-- example centre) is covered by an ACTIVE agreement from 2024-09-01 to 2027-08-31 and follows ${showcase} learners.
-- Every centre is covered by an agreement SIGNED or ACTIVE for 2024-2027 (enrollments need one).
-- Run in one transaction by ma.forsa.demo.DemoDataGenerator (reactive client); statements are separated by lines "--#".
-- Ids derive from the seed and the index only (md5), so the same seed gives the same ids.
-- (statement_timeout: the job's limit, set by Db.longTransaction)
SET LOCAL forsa.stats_bulk = 'on';
--#
-- Uniform number in [0, 1) from (key, salt), deterministic for the seed.
CREATE OR REPLACE FUNCTION pg_temp.r(k bigint, salt int) RETURNS double precision LANGUAGE sql IMMUTABLE AS $$
    SELECT (hashint8extended(k * 131 + salt, ${seed}) & 281474976710655)::double precision / 281474976710656
$$;
--#
CREATE OR REPLACE FUNCTION pg_temp.pick(a text[], x double precision) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT a[1 + floor(x * cardinality(a))::int]
$$;
--#
CREATE OR REPLACE FUNCTION pg_temp.uid(kind text, k bigint) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
    SELECT md5('${seed}:' || kind || ':' || k)::uuid
$$;
--#
CREATE OR REPLACE FUNCTION pg_temp.key(id uuid) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
    SELECT ('x' || substr(replace(id::text, '-', ''), 1, 10))::bit(40)::bigint
$$;
--#
CREATE TEMP TABLE demo_names ON COMMIT DROP AS SELECT
    ARRAY['Fatima','Khadija','Aicha','Meryem','Salma','Imane','Hajar','Sara','Zineb','Nouhaila','Hiba','Asmae','Soukaina',
          'Oumaima','Chaimae','Ikram','Houda','Loubna','Nadia','Samira','Yasmine','Rania','Kawtar','Malak','Douae'] AS f,
    ARRAY['فاطمة','خديجة','عائشة','مريم','سلمى','إيمان','هاجر','سارة','زينب','نهيلة','هبة','أسماء','سكينة',
          'أميمة','شيماء','إكرام','هدى','لبنى','نادية','سميرة','ياسمين','رانية','كوثر','ملاك','دعاء'] AS f_ar,
    ARRAY['Mohamed','Ahmed','Youssef','Omar','Hamza','Ayoub','Mehdi','Anas','Amine','Ilyas','Adam','Othmane','Zakaria',
          'Soufiane','Yassine','Rachid','Karim','Abdellah','Hassan','Khalid','Bilal','Ismail','Walid','Reda','Nabil'] AS m,
    ARRAY['محمد','أحمد','يوسف','عمر','حمزة','أيوب','مهدي','أنس','أمين','إلياس','آدم','عثمان','زكرياء',
          'سفيان','ياسين','رشيد','كريم','عبد الله','حسن','خالد','بلال','إسماعيل','وليد','رضا','نبيل'] AS m_ar,
    ARRAY['Alaoui','Benali','El Idrissi','Bennani','Tazi','Chraibi','El Amrani','Berrada','Ouazzani','Lahlou','Fassi',
          'Naciri','Zerouali','El Mansouri','Bouzidi','Amrani','Ait Ali','Ait Ouahmane','Boukhari','Cherkaoui','Kettani',
          'Saidi','Rami','Hajji','Jabri','Ouali','Belhaj','Mouline','Sebti','Tahiri','Lamrani','Haddad','Ziani',
          'Benjelloun','El Khattabi','Ait Benhaddou','Marzouki','Daoudi','Filali','Kabbaj'] AS l,
    ARRAY['العلوي','بنعلي','الإدريسي','بناني','التازي','الشرايبي','العمراني','برادة','الوزاني','لحلو','الفاسي',
          'الناصري','الزروالي','المنصوري','البوزيدي','أمراني','آيت علي','آيت وحمان','البخاري','الشرقاوي','الكتاني',
          'السعيدي','الرامي','الحجي','الجابري','والي','بلحاج','مولين','السبتي','الطاهري','اللمراني','الحداد','الزياني',
          'بنجلون','الخطابي','آيت بن حدو','المرزوقي','الداودي','الفيلالي','القباج'] AS l_ar;
--#
CREATE TEMP TABLE demo_province ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY code) AS idx, code, name, academy_code FROM province;
--#
CREATE TEMP TABLE demo_association ON COMMIT DROP AS
    SELECT i AS idx, pg_temp.uid('association', i) AS id, p.code AS province_code, p.name AS province_name,
           p.academy_code
    FROM generate_series(1, ${associations}) i
    JOIN demo_province p ON p.idx = 1 + (i - 1) % (SELECT count(*) FROM demo_province)
    UNION ALL
    SELECT 0, pg_temp.uid('association', 0), p.code, p.name, p.academy_code FROM demo_province p WHERE p.code = 'RAB';
--#
INSERT INTO association (id, registration_number, name, province_code, email, phone, network_member, status)
SELECT a.id, 'ASSO-' || a.province_code || '-' || lpad(a.idx::text, 5, '0'),
       CASE WHEN a.idx = 0 THEN 'Association Forsa de démonstration - Rabat' ELSE
       'Association ' || pg_temp.pick(ARRAY['Al Amal','Annour','Tanmia','Al Khair','Chourouk','Al Mostakbal','Ittihad',
                                           'Al Fajr','Assafaa','Al Ihssane','Attadamoun','Al Manar'], pg_temp.r(a.idx, 1))
           || ' ' || pg_temp.pick(ARRAY['pour le développement','pour l''éducation','de la jeunesse','pour l''insertion',
                                        'de solidarité'], pg_temp.r(a.idx, 2)) || ' - ' || a.province_name END,
       a.province_code, 'contact' || a.idx || '@asso-demo.ma', '+2125' || lpad((floor(pg_temp.r(a.idx, 3) * 1e8))::bigint::text, 8, '0'),
       pg_temp.r(a.idx, 4) < 0.4,
       CASE WHEN a.idx = 0 OR pg_temp.r(a.idx, 5) < 0.95 THEN 'ACTIVE' WHEN pg_temp.r(a.idx, 5) < 0.99 THEN 'SUSPENDED' ELSE 'DISSOLVED' END
FROM demo_association a;
--#
CREATE TEMP TABLE demo_center ON COMMIT DROP AS
    SELECT j AS idx, pg_temp.uid('center', j) AS id, a.idx AS association_idx, a.id AS association_id,
           a.province_code, a.province_name
    FROM generate_series(1, ${centers}) j
    JOIN demo_association a ON a.idx = CASE WHEN j <= ${associations} THEN j
                                            ELSE 1 + floor(pg_temp.r(j, 10) * ${associations})::int END
    UNION ALL
    SELECT 0, pg_temp.uid('center', 0), 0, a.id, a.province_code, a.province_name FROM demo_association a WHERE a.idx = 0;
--#
ALTER TABLE demo_center ADD PRIMARY KEY (idx);
--#
INSERT INTO center (id, code, name, association_id, province_code, commune, address, capacity, opened_on, status)
SELECT c.id, CASE WHEN c.idx = 0 THEN 'E2C-RAB-00001' ELSE 'E2C-' || c.province_code || '-' || lpad(c.idx::text, 5, '0') END,
       CASE WHEN c.idx = 0 THEN 'Centre de la deuxième chance de démonstration - Rabat' ELSE
       'Centre de la deuxième chance ' || pg_temp.pick(ARRAY['Al Massira','Annahda','Al Qods','Al Wahda','Ibn Khaldoun',
           'Al Farabi','Ibn Battouta','Al Andalous','Tarik','Al Yassmine','Hay Mohammadi','Al Irfane'], pg_temp.r(c.idx, 11))
           || ' ' || c.idx END,
       c.association_id, c.province_code, c.province_name, (1 + floor(pg_temp.r(c.idx, 12) * 200))::int || ', rue ' || pg_temp.pick(ARRAY['Hassan II',
           'Mohammed V','Al Moukawama','Ibn Sina','Zerktouni','Al Massira'], pg_temp.r(c.idx, 13)),
       100, date '2016-09-01' + floor(pg_temp.r(c.idx, 14) * 700)::int,
       CASE WHEN c.idx = 0 OR pg_temp.r(c.idx, 15) < 0.95 THEN 'OPEN' WHEN pg_temp.r(c.idx, 15) < 0.98 THEN 'SUSPENDED' ELSE 'CLOSED' END
FROM demo_center c;
--#
-- One three-year CENTER_MANAGEMENT agreement per association and period (2018, 2021, 2024), covering its centres.
-- The 2024 ones are ACTIVE (90 %) or SIGNED, so that every centre can take enrollments; the showcase's ends 2027-08-31.
CREATE TEMP TABLE demo_agreement ON COMMIT DROP AS
    SELECT a.idx AS association_idx, p AS period, pg_temp.uid('agreement', a.idx * 10000 + p) AS id, a.id AS association_id,
           a.academy_code, make_date(p, 9, 1) AS starts_on,
           make_date(p + 3, 8, 31) - CASE WHEN p = 2024 AND a.idx > 0 THEN floor(pg_temp.r(a.idx * 10000 + p, 20) * 300)::int ELSE 0 END
               AS ends_on,
           (SELECT count(*) FROM demo_center c WHERE c.association_idx = a.idx) AS centers
    FROM demo_association a CROSS JOIN (VALUES (2018), (2021), (2024)) v(p);
--#
INSERT INTO agreement (id, reference, kind, status, academy_code, association_id, signed_on, starts_on, ends_on, budget,
                       target_beneficiaries, target_integration_rate)
SELECT g.id, 'CONV-' || g.academy_code || '-' || g.period || '-' || lpad(g.association_idx::text, 5, '0'), 'CENTER_MANAGEMENT',
       CASE WHEN g.period < 2024 THEN 'EXPIRED' WHEN g.association_idx = 0 OR pg_temp.r(k, 21) < 0.9 THEN 'ACTIVE'
            ELSE 'SIGNED' END,
       g.academy_code, g.association_id, g.starts_on - 30, g.starts_on, g.ends_on,
       round((g.centers * (300000 + pg_temp.r(k, 22) * 400000))::numeric, -3),
       greatest(10, round(g.centers * 3 * ${learners} * 2.0 / 8 / ${centers} * (0.8 + pg_temp.r(k, 23) * 0.5)))::int,
       round((0.6 + pg_temp.r(k, 24) * 0.3)::numeric, 2)::double precision
FROM (SELECT *, association_idx * 10000 + period AS k FROM demo_agreement) g;
--#
INSERT INTO agreement_center (agreement_id, center_id)
SELECT g.id, c.id FROM demo_agreement g JOIN demo_center c ON c.association_idx = g.association_idx;
--#
INSERT INTO tranche (id, agreement_id, seq, amount, due_on, condition, paid_on, status)
SELECT md5('${seed}:tranche:' || g.id || ':' || t.seq)::uuid, g.id, t.seq, round(g.budget / 4, 2), t.due, t.cond,
       CASE WHEN t.due < date '2026-09-01' AND pg_temp.r(pg_temp.key(g.id), 30 + t.seq) < 0.9
            THEN t.due + floor(pg_temp.r(pg_temp.key(g.id), 40 + t.seq) * 45)::int END,
       CASE WHEN t.due >= date '2026-09-01' THEN 'PLANNED'
            WHEN pg_temp.r(pg_temp.key(g.id), 30 + t.seq) < 0.9 THEN 'PAID' ELSE 'WITHHELD' END
FROM agreement g
CROSS JOIN LATERAL (VALUES (1, g.starts_on + 30, 'À la signature'),
                           (2, g.starts_on + 365, 'Rapport annuel de la première année'),
                           (3, g.starts_on + 730, 'Rapport annuel de la deuxième année'),
                           (4, g.starts_on + 1000, 'Rapport final et taux d''insertion')) t(seq, due, cond)
WHERE g.id IN (SELECT id FROM demo_agreement);
--#
-- Learners: 1 to 3 consecutive school years each (2 on average), aged 13-22 at every enrollment. The ${showcase}
-- learners after the first ${learners} start in the showcase centre.
CREATE TEMP TABLE demo_learner ON COMMIT DROP AS
    SELECT i, pg_temp.uid('learner', i) AS id,
           CASE WHEN pg_temp.r(i, 50) < 0.42 THEN 'FEMALE' ELSE 'MALE' END AS sex,
           CASE WHEN pg_temp.r(i, 51) < 0.3 THEN 1 WHEN pg_temp.r(i, 51) < 0.7 THEN 2 ELSE 3 END AS cnt,
           CASE WHEN i > ${learners} THEN 0 ELSE 1 + floor(pg_temp.r(i, 52) * ${centers})::int END AS center_idx
    FROM generate_series(1, ${learners} + ${showcase}) i;
--#
ALTER TABLE demo_learner ADD COLUMN y0 int, ADD COLUMN age0 int;
--#
UPDATE demo_learner SET y0 = 2018 + floor(pg_temp.r(i, 53) * (9 - cnt))::int,
       age0 = 13 + floor((pg_temp.r(i, 54) + pg_temp.r(i, 55)) / 2 * (least(20, 23 - cnt) - 12))::int;
--#
-- name_key and search_key as ma.forsa.learner.Names writes them (the demo's Latin names carry no accents; in the
-- Arabic ones, alef, yeh and teh marbuta variants and hamza carriers are unified), so that search finds demo learners.
INSERT INTO learner (id, massar_code, cin, first_name, last_name, first_name_ar, last_name_ar, name_key, search_key,
                     birth_date, sex, province_of_residence_code, guardian_name, guardian_phone, disability,
                     last_grade_completed, left_school_year, dropout_reason, consent_recorded_on)
SELECT x.id, x.massar, x.cin, x.first, x.last, x.first_ar, x.last_ar, lower(x.first || ' ' || x.last),
       translate(lower(x.first || ' ' || x.last || ' ' || x.first_ar || ' ' || x.last_ar), 'أإآٱىةؤئ', 'اااايهوي'), x.birth, x.sex,
       x.province_code, x.guardian || ' ' || x.last, x.phone, x.disability, x.grade, x.left_year, x.reason, x.consent
FROM (
    SELECT d.id, d.sex, c.province_code,
           CASE WHEN pg_temp.r(d.i, 60) < 0.8 THEN chr(65 + floor(pg_temp.r(d.i, 61) * 26)::int) || lpad(d.i::text, 9, '0') END
               AS massar,
           CASE WHEN d.age0 >= 18 AND pg_temp.r(d.i, 62) < 0.5
                THEN chr(65 + floor(pg_temp.r(d.i, 63) * 26)::int) || lpad(floor(pg_temp.r(d.i, 64) * 1e6)::int::text, 6, '0') END
               AS cin,
           CASE WHEN d.sex = 'FEMALE' THEN n.f[1 + floor(pg_temp.r(d.i, 65) * 25)::int]
                ELSE n.m[1 + floor(pg_temp.r(d.i, 65) * 25)::int] END AS first,
           CASE WHEN d.sex = 'FEMALE' THEN n.f_ar[1 + floor(pg_temp.r(d.i, 65) * 25)::int]
                ELSE n.m_ar[1 + floor(pg_temp.r(d.i, 65) * 25)::int] END AS first_ar,
           n.l[1 + floor(pg_temp.r(d.i, 66) * 40)::int] AS last, n.l_ar[1 + floor(pg_temp.r(d.i, 66) * 40)::int] AS last_ar,
           make_date(d.y0 - d.age0 - 1, 11, 1) + floor(pg_temp.r(d.i, 67) * 318)::int AS birth,
           n.m[1 + floor(pg_temp.r(d.i, 68) * 25)::int] AS guardian,
           '06' || lpad(floor(pg_temp.r(d.i, 69) * 1e8)::bigint::text, 8, '0') AS phone,
           pg_temp.r(d.i, 70) < 0.03 AS disability,
           pg_temp.pick(ARRAY['6e année primaire','1re année collégiale','2e année collégiale','3e année collégiale',
                              'Tronc commun'], pg_temp.r(d.i, 71)) AS grade,
           d.y0 - floor(pg_temp.r(d.i, 72) * 3)::int AS left_year,
           pg_temp.pick(ARRAY['Échec scolaire','Difficultés financières','Éloignement de l''école','Travail',
                              'Mariage précoce','Raisons familiales','Santé'], pg_temp.r(d.i, 73)) AS reason,
           make_date(d.y0, 9, 10) AS consent
    FROM demo_learner d CROSS JOIN demo_names n JOIN demo_center c ON c.idx = d.center_idx
) x;
--#
CREATE TEMP TABLE demo_enrollment ON COMMIT DROP AS
    SELECT pg_temp.uid('enrollment', d.i * 4 + k) AS id, d.id AS learner_id, d.i * 4 + k AS ek, d.y0 + k AS sy,
           k = d.cnt - 1 AS last_one,
           CASE WHEN pg_temp.r(d.i * 4 + k, 80) < 0.9 THEN d.center_idx
                ELSE 1 + floor(pg_temp.r(d.i * 4 + k, 81) * ${centers})::int END AS center_idx,
           make_date(d.y0 + k, 9, 15) + floor(pg_temp.r(d.i * 4 + k, 82) * 45)::int AS enrolled_on
    FROM demo_learner d CROSS JOIN generate_series(0, 2) k
    WHERE k < d.cnt;
--#
INSERT INTO enrollment (id, learner_id, center_id, agreement_id, school_year, strands, vocational_field, status, enrolled_on,
                        exited_on, exit_reason)
SELECT x.id, x.learner_id, x.center_id, x.agreement_id, x.sy || '-' || (x.sy + 1), x.strands,
       CASE WHEN 'PRE_VOCATIONAL' = ANY (x.strands)
            THEN pg_temp.pick(ARRAY['Coiffure','Couture','Cuisine','Électricité','Menuiserie','Informatique',
                                    'Mécanique auto','Plomberie','Agriculture'], pg_temp.r(x.ek, 90)) END,
       x.status, x.enrolled_on,
       CASE x.status WHEN 'COMPLETED' THEN make_date(x.sy + 1, 6, 30) - floor(pg_temp.r(x.ek, 91) * 20)::int
                     WHEN 'DROPPED_OUT' THEN x.enrolled_on + 30 + floor(pg_temp.r(x.ek, 91) * 200)::int END,
       CASE WHEN x.status = 'DROPPED_OUT'
            THEN pg_temp.pick(ARRAY['Travail','Déménagement','Raisons familiales','Démotivation','Mariage'],
                              pg_temp.r(x.ek, 92)) END
FROM (
    SELECT e.*, c.id AS center_id, g.id AS agreement_id,
           CASE WHEN pg_temp.r(e.ek, 83) < 0.6 THEN ARRAY['EDUCATIONAL','PRE_VOCATIONAL','LIFE_SKILLS']
                WHEN pg_temp.r(e.ek, 83) < 0.8 THEN ARRAY['EDUCATIONAL','LIFE_SKILLS']
                WHEN pg_temp.r(e.ek, 83) < 0.95 THEN ARRAY['PRE_VOCATIONAL','LIFE_SKILLS']
                ELSE ARRAY['EDUCATIONAL'] END::varchar(20)[] AS strands,
           CASE WHEN e.sy = 2025 AND e.last_one THEN
                    CASE WHEN pg_temp.r(e.ek, 84) < 0.8 THEN 'ACTIVE' WHEN pg_temp.r(e.ek, 84) < 0.85 THEN 'ENROLLED'
                         WHEN pg_temp.r(e.ek, 84) < 0.95 THEN 'DROPPED_OUT' ELSE 'COMPLETED' END
                WHEN pg_temp.r(e.ek, 84) < 0.78 THEN 'COMPLETED' ELSE 'DROPPED_OUT' END AS status
    FROM demo_enrollment e JOIN demo_center c ON c.idx = e.center_idx
    LEFT JOIN demo_agreement g ON g.association_idx = c.association_idx AND g.period = 2018 + (e.sy - 2018) / 3 * 3
                              AND e.enrolled_on <= g.ends_on
) x;
--#
-- Follow-ups at months 0 (always), 3, 6 and 12 (when due before 2026-09-01). The latest one carries the final
-- outcome, drawn from the public 2024-25 split; earlier ones sometimes say NOT_INTEGRATED yet.
INSERT INTO outcome (id, enrollment_id, kind, observed_on, follow_up_month, organization, verified)
SELECT md5('${seed}:outcome:' || y.id || ':' || y.m)::uuid, y.id, y.kind,
       y.exited_on + make_interval(months => y.m)::interval + floor(pg_temp.r(y.k, 100 + y.m) * 20)::int * interval '1 day',
       y.m,
       CASE y.kind WHEN 'FORMAL_SCHOOL' THEN 'Collège ' || pg_temp.pick(ARRAY['Ibn Rochd','Al Khawarizmi','Moulay Ismail',
                                                                              'Al Majd'], pg_temp.r(y.k, 120))
                   WHEN 'VOCATIONAL_TRAINING' THEN 'OFPPT ' || pg_temp.pick(ARRAY['ISTA','CQP','ITA'], pg_temp.r(y.k, 121))
                   WHEN 'APPRENTICESHIP' THEN 'CFA ' || pg_temp.pick(ARRAY['Artisanat','BTP','Agriculture'], pg_temp.r(y.k, 122))
                   WHEN 'EMPLOYMENT' THEN pg_temp.pick(ARRAY['Atelier de couture','Garage','Restaurant','Coopérative agricole',
                                                              'Centre d''appels'], pg_temp.r(y.k, 123)) END,
       pg_temp.r(y.k, 110 + y.m) < 0.6
FROM (
    SELECT z.*, CASE WHEN z.m = max(z.m) OVER (PARTITION BY z.id) OR pg_temp.r(z.k, 130 + z.m) < 0.7 THEN z.final
                     ELSE 'NOT_INTEGRATED' END AS kind
    FROM (
        SELECT e.id, e.exited_on, pg_temp.key(e.id) AS k, m.m,
               CASE WHEN f < 0.29 THEN 'FORMAL_SCHOOL' WHEN f < 0.49 THEN 'VOCATIONAL_TRAINING'
                    WHEN f < 0.57 THEN 'APPRENTICESHIP' WHEN f < 0.75 THEN 'EMPLOYMENT'
                    WHEN f < 0.81 THEN 'SELF_EMPLOYMENT' WHEN f < 0.96 THEN 'NOT_INTEGRATED' ELSE 'UNKNOWN' END AS final
        FROM enrollment e
        CROSS JOIN LATERAL (SELECT pg_temp.r(pg_temp.key(e.id), 99) AS f) ff
        CROSS JOIN (VALUES (0, 1.0), (3, 0.3), (6, 0.6), (12, 0.5)) m(m, p)
        WHERE e.status IN ('COMPLETED', 'DROPPED_OUT') AND e.id IN (SELECT id FROM demo_enrollment)
          AND (m.m = 0 OR pg_temp.r(pg_temp.key(e.id), 140 + m.m) < m.p)
          AND e.exited_on + make_interval(months => m.m) < date '2026-09-01'
    ) z
) y;
--#
-- Capacities around the number of open enrollments, so that about one centre in five is over capacity (the showcase
-- centre keeps room for new enrollments).
UPDATE center c SET capacity = CASE WHEN d.idx = 0 THEN greatest(60, 2 * coalesce(o.n, 0))::int
                                    WHEN o.n IS NULL THEN 20 + floor(pg_temp.r(pg_temp.key(c.id), 150) * 40)::int
                                    ELSE greatest(5, round(o.n * (0.85 + pg_temp.r(pg_temp.key(c.id), 151) * 0.75)))::int END
FROM demo_center d
LEFT JOIN (SELECT center_id, count(*) AS n FROM enrollment WHERE status IN ('ENROLLED', 'ACTIVE') GROUP BY 1) o
       ON o.center_id = d.id
WHERE c.id = d.id;
--#
SELECT stats_rebuild();
--#
DROP FUNCTION pg_temp.r(bigint, int), pg_temp.pick(text[], double precision), pg_temp.uid(text, bigint), pg_temp.key(uuid);
