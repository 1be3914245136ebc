"""Demo content from the municipality's measures document (/work/shared/seed): the six measures,
the ITA 2564 analysis table and the training indicator are the document's own words and numbers;
documents, dates and the risk register are invented and marked ตัวอย่าง. Idempotent."""
import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from kpp_portal import thai
from kpp_portal.demo import SAMPLE, TRAINING_DAY, day_in, sample_pdf
from kpp_portal.uploads import content_type

from . import newsletter
from .categories import ensure_default_categories
from .checklists import load_all
from .models import (
    AssessmentYear,
    Category,
    Document,
    EITSurvey,
    EthicsActivity,
    EthicsAssessment,
    GiftRecord,
    GiftYearStatement,
    Indicator,
    IndicatorValue,
    IntegrityMeasure,
    ITAAnalysis,
    ITAAnalysisRow,
    MeasureUpdate,
    NoGiftDeclaration,
    OITItem,
    RiskEntry,
)

MEASURES = [
    (1, "มาตรการการให้มีส่วนร่วมของผู้มีส่วนได้ส่วนเสีย",
     "เทศบาลเมืองกำแพงเพชร ได้มีการแต่งตั้งคณะกรรมการในด้านต่างๆ เช่น คณะกรรมการพัฒนาเทศบาลเมืองกำแพงเพชร, "
     "คณะกรรมการสนับสนุนการจัดทำแผนพัฒนาเทศบาลเมืองกำแพงเพชร, คณะกรรมการบริหารตลาด, "
     "คณะกรรมการบริหารศูนย์พัฒนาคุณภาพชีวิตและส่งเสริมผู้สูงอายุ, คณะกรรมการกำกับบริหารจัดการระบบบำบัดน้ำเสีย "
     "เป็นต้น โดยคณะกรรมการประกอบด้วยเจ้าหน้าที่จากฝ่ายบริหารงานเทศบาลฯ พนักงานเทศบาล ผู้ทรงคุณวุฒิ "
     "ผู้แทนส่วนราชการและผู้แทนประชาคมท้องถิ่น โดยมีการจัดตั้งเวทีประชาคม เพื่อรับฟังความคิดเห็น "
     "แลกเปลี่ยนปัญหา และความต้องการตามความเหมาะสมของกลุ่มเป้าหมายและพื้นที่"),
    (2, "มาตรการเผยแพร่ข้อมูลต่อสาธารณะ",
     "เพื่อให้เป็นไปตามพระราชบัญญัติข้อมูลข่าวสารของทางราชการ พ.ศ. 2540 และพระราชกฤษฎีกาว่าด้วยหลักเกณฑ์"
     "และวิธีการบริหารกิจการบ้านเมืองที่ดี พ.ศ. 2546 เทศบาลเมืองกำแพงเพชรได้ประกาศเผยแพร่ข้อมูลข่าวสาร "
     "เช่น แผนพัฒนาเทศบาล แผนการดำเนินงาน แผนการจัดซื้อจัดจ้าง งบแสดงฐานะทางการเงินเทศบาลฯ "
     "การจัดตั้งช่องทางร้องเรียนร้องทุกข์ ฯลฯ ผ่านเว็บไซต์และหนังสือพิมพ์ประชาสัมพันธ์ข่าวสาร \"ซากังราว\""),
    (3, "มาตรการเรื่องร้องเรียนการทุจริตและมาตรการต่อต้านการให้สินบน",
     "จัดตั้งศูนย์ร้องเรียนกรณีการทุจริตและประพฤติมิชอบของเจ้าหน้าที่เทศบาลฯ มอบหมายให้ฝ่ายนิติการเป็นผู้รับเรื่อง"
     "ร้องเรียนและรายงานเรื่องต่อผู้บังคับบัญชา รับเรื่องผ่านศูนย์ดำรงธรรมฯ ตู้/กล่องรับความคิดเห็น ไปรษณีย์ "
     "เว็บไซต์สำนักงานและเฟซบุ๊กสำนักงาน และจัดทำคู่มือการปฏิบัติงาน (Work Manual) "
     "การจัดการติดตามข้อร้องเรียนการทุจริต"),
    (4, "มาตรการส่งเสริมการลดการใช้ดุลยพินิจและการตรวจสอบการใช้ดุลยพินิจในการปฏิบัติงาน",
     "จัดทำคู่มือการปฏิบัติงานและคู่มือการให้บริการประชาชน เผยแพร่ที่บอร์ดประชาสัมพันธ์ ณ จุดให้บริการ "
     "จุดประชาสัมพันธ์ชั้น 1 สำนักงานเทศบาล หนังสือพิมพ์ \"ซากังราว\" และเว็บไซต์ ประชาชนดาวน์โหลดเอกสาร"
     "คำร้องก่อนมาติดต่อราชการได้ ลดขั้นตอนการทำงาน โดยมีผู้บังคับบัญชาควบคุมงานให้เป็นไปตามคู่มือ"),
    (5, "มาตรการส่งเสริมความโปร่งใสในการจัดซื้อจัดจ้าง",
     "จัดทำแผนการจัดซื้อจัดจ้างและประกาศเผยแพร่ให้ประชาชนรับทราบ กำหนดขอบเขตงานหรือรายละเอียดคุณลักษณะ"
     "เฉพาะของพัสดุ และส่งบุคลากรที่เกี่ยวข้องเข้ารับการอบรมด้านการจัดซื้อจัดจ้าง เพื่อเพิ่มความรู้ความเข้าใจ"
     "ในการจัดทำร่างขอบเขตงาน"),
    (6, "มาตรการป้องกันความขัดแย้งทางผลประโยชน์หรือผลประโยชน์ทับซ้อน",
     "ผู้บริหารประกาศเจตจำนงในการบริหารงานเทศบาลเมืองกำแพงเพชร และจัดอบรมพนักงานเทศบาล ลูกจ้างประจำ "
     "พนักงานจ้าง ให้มีความรู้ความเข้าใจเรื่องการขัดแย้งทางผลประโยชน์หรือผลประโยชน์ทับซ้อน "
     "พร้อมแบบทดสอบก่อนและหลังการอบรม"),
]

# (measure, date, text): what the seed says was done; the dates are invented.
UPDATES = [
    (1, datetime.date(2021, 2, 15), "จัดเวทีประชาคมเพื่อรับฟังความคิดเห็นและความต้องการของชุมชน "
     "ประกอบการจัดทำแผนพัฒนาท้องถิ่น (วันที่เป็นตัวอย่าง)"),
    (2, datetime.date(2021, 1, 20), "เผยแพร่แผนพัฒนาเทศบาล แผนการดำเนินงาน และงบแสดงฐานะการเงินบนเว็บไซต์ "
     "และหนังสือพิมพ์ \"ซากังราว\" (วันที่เป็นตัวอย่าง)"),
    (3, datetime.date(2020, 4, 30), "สรุปสถิติ: ปีงบประมาณ 2562 (รอบ 12 เดือน) และปีงบประมาณ 2563 "
     "(รอบ 6 เดือนแรก) ไม่มีเรื่องร้องเรียนร้องทุกข์เกี่ยวกับการปฏิบัติราชการของเจ้าหน้าที่"),
    (4, datetime.date(2021, 3, 1), "ปรับปรุงคู่มือการให้บริการประชาชนและแบบฟอร์มคำร้องให้ดาวน์โหลดได้จากเว็บไซต์ "
     "(วันที่เป็นตัวอย่าง)"),
    (5, datetime.date(2021, 5, 10), "ส่งเจ้าหน้าที่พัสดุและคณะกรรมการกำหนดขอบเขตงานเข้ารับการอบรมด้านการจัดซื้อจัดจ้าง "
     "(วันที่เป็นตัวอย่าง)"),
    (6, TRAINING_DAY, "จัดอบรมเรื่องผลประโยชน์ทับซ้อน ก่อนอบรมผู้เข้าร่วมมีความรู้ระดับปานกลาง "
     "ร้อยละ 32 หลังอบรมมีความรู้ระดับมากที่สุด ร้อยละ 86 (วันที่เป็นตัวอย่าง)"),
]

ANALYSIS_2564 = [
    ("การส่งเสริมความโปร่งใส\n1. แนวทางการปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ\n"
     "การเปิดโอกาสให้เกิดการมีส่วนร่วม\n1. ช่องทางการรับฟังความคิดเห็น\n2. การเปิดโอกาสให้เกิดการมีส่วนร่วม",
     "- แสดงช่องทางที่บุคคลภายนอกสามารถแจ้งเรื่องร้องเรียนเกี่ยวกับการทุจริตและประพฤติมิชอบของเจ้าหน้าที่"
     "ของหน่วยงานผ่านทางช่องทางออนไลน์ โดยแยกต่างหากจากช่องทางทั่วไป เพื่อเป็นการคุ้มครองข้อมูลของผู้แจ้งเบาะแส\n"
     "- เปิดโอกาสให้ผู้รับบริการ ผู้มาติดต่อหรือผู้มีส่วนได้ส่วนเสีย เข้าไปมีส่วนร่วมในการปรับปรุงพัฒนาการดำเนินงาน\n"
     "- การให้บริการของหน่วยงานให้ดีขึ้น\n- ส่งเสริมการเผยแพร่ผลงานหรือข้อมูลที่หลากหลายมากขึ้น\n"
     "- ส่งเสริมการเผยแพร่ผลงานหรือข้อมูลที่สาธารณชนควรรับทราบอย่างชัดเจนมากขึ้น",
     "ตลอดปีงบประมาณ",
     "- ปรับปรุงระบบ/ช่องทางการติดต่อ โดยบุคคลภายนอกสามารถแจ้งเรื่องราวร้องเรียนเกี่ยวกับทุจริต โดยแยกเป็น 2 ช่องทาง "
     "ช่องทางแรกเป็นการติดต่อ/เสนอแนะเรื่องทั่วไป และช่องทางที่สองเป็นการร้องเรียน/แจ้งเบาะแสเกี่ยวกับการทุจริต"
     "และประพฤติมิชอบของเจ้าหน้าที่ของหน่วยงาน\n"
     "- ปรับปรุงระบบ/ช่องทางการติดต่อสื่อสาร เช่น การปรับปรุงระบบสารสนเทศให้เป็นปัจจุบันอยู่เสมอ\n"
     "- เพิ่มช่องทางการติดต่อสื่อสารให้หลากหลายยิ่งขึ้น เช่น สื่อสังคมออนไลน์ เพื่อให้ประชาชนสามารถรับรู้ข้อมูลข่าวสาร "
     "ภารกิจของหน่วยงาน เป็นต้น",
     "ผู้ดูแลระบบ"),
    ("การประเมินความเสี่ยงเพื่อป้องกันการทุจริต\n1. การประเมินความเสี่ยงการทุจริตประจำปี\n"
     "2. การดำเนินการเพื่อจัดการความเสี่ยงการทุจริต",
     "- แสดงการดำเนินการหรือกิจกรรมที่แสดงถึงการจัดการความเสี่ยงในกรณีที่อาจก่อให้เกิดการทุจริต "
     "หรือก่อให้เกิดการขัดกันระหว่างผลประโยชน์ส่วนตนกับผลประโยชน์ส่วนรวมของหน่วยงาน\n"
     "- เป็นกิจกรรมหรือการดำเนินการที่สอดคล้องกับมาตรการหรือดำเนินการเพื่อบริหารจัดการความเสี่ยง",
     "ตลอดปีงบประมาณ",
     "- การสนับสนุนการบริหารจัดการที่ดีในทุกระดับ มีความโปร่งใสและสามารถตรวจสอบได้ จึงได้มีการประกาศเจตจำนง"
     "ในการบริหารงานเทศบาลเมืองกำแพงเพชรของผู้บริหาร เพื่อให้บุคลากรใช้เป็นหลักเกณฑ์ในการดำเนินงาน "
     "และจัดอบรมพนักงานเทศบาล ลูกจ้างประจำ พนักงานจ้าง ให้มีความรู้ความเข้าใจในเรื่องของการขัดแย้ง"
     "ทางผลประโยชน์หรือผลประโยชน์ทับซ้อน",
     "ทุกกอง/สำนัก"),
]

# (fiscal year, process, risk, likelihood, impact, controls, owner, status): invented examples.
RISKS = [
    (2564, "การจัดซื้อจัดจ้าง", "การกำหนดคุณลักษณะเฉพาะของพัสดุที่อาจเอื้อต่อผู้ขายบางราย", 3, 4,
     "ใช้ร่างขอบเขตงานมาตรฐาน เผยแพร่ร่างให้วิจารณ์ อบรมคณะกรรมการกำหนดขอบเขตงาน", "กองคลัง", "done"),
    (2564, "การอนุญาตก่อสร้างอาคาร", "การใช้ดุลยพินิจในการพิจารณาคำขออนุญาตโดยไม่เป็นไปตามลำดับคำขอ", 2, 4,
     "คู่มือการให้บริการพร้อมระยะเวลา ตรวจสอบทะเบียนคำขอรายเดือนโดยผู้บังคับบัญชา", "กองช่าง", "done"),
    (2564, "การจัดเก็บภาษีที่ดินและสิ่งปลูกสร้าง", "การประเมินภาษีต่ำกว่าความเป็นจริงเพื่อประโยชน์ของผู้เสียภาษีบางราย", 2, 3,
     "สุ่มตรวจการประเมินซ้ำร้อยละ 10 ของแปลง", "กองคลัง", "in-progress"),
    (2564, "การใช้ทรัพย์สินของทางราชการ", "การนำรถยนต์ราชการไปใช้ประโยชน์ส่วนตัว", 3, 2,
     "สมุดบันทึกการใช้รถและการอนุมัติล่วงหน้า", "สำนักปลัดเทศบาล", "done"),
    (2569, "การจัดสรรแผงค้าในตลาดสดเทศบาล", "การเรียกรับผลประโยชน์เพื่อจัดสรรแผงค้าทำเลดี", 3, 3,
     "จับสลากจัดสรรแผงต่อหน้าผู้ค้า ประกาศผลบนเว็บไซต์", "กองสาธารณสุขและสิ่งแวดล้อม", "planned"),
    (2569, "การเบิกจ่ายค่าตอบแทนการปฏิบัติงานนอกเวลา", "การเบิกค่าตอบแทนโดยไม่ได้ปฏิบัติงานจริง", 4, 4,
     "บันทึกเวลาด้วยเครื่องสแกนลายนิ้วมือ ตรวจสอบก่อนเบิกจ่าย", "ทุกกอง/สำนัก", "in-progress"),
    (2569, "การจัดซื้อจัดจ้าง", "การแบ่งซื้อแบ่งจ้างเพื่อเลี่ยงวิธีการจัดซื้อที่เข้มงวดกว่า", 2, 5,
     "ตรวจสอบแผนการจัดซื้อเทียบรายการจัดซื้อรายเดือน", "กองคลัง", "planned"),
]

NO_GIFT_2568 = "ประกาศเจตนารมณ์ No Gift Policy ปีงบประมาณ พ.ศ. 2568"
# (category slug, title, fiscal year, date, summary, {assessment year: OIT codes the document proves}).
# Multi-year plans say the last fiscal year they cover in MULTI_YEAR.
DOCUMENTS = [
    ("development-plan", "แผนพัฒนาท้องถิ่น (พ.ศ. 2561–2565) เพิ่มเติม ฉบับที่ 2", 2564, datetime.date(2020, 11, 2),
     "แผนพัฒนาท้องถิ่นที่ผ่านเวทีประชาคมและคณะกรรมการพัฒนาเทศบาล", {2564: ["O4"], 2566: []}),
    ("development-plan", "แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570)", 2566, datetime.date(2022, 10, 14),
     "ยุทธศาสตร์การพัฒนาเมืองกำแพงเพชรห้าปี ด้านโครงสร้างพื้นฐาน คุณภาพชีวิต และการบริหารจัดการที่ดี",
     {2566: ["O4"], 2568: ["O5"]}),
    ("operational-plan", "แผนการดำเนินงานประจำปีงบประมาณ พ.ศ. 2564", 2564, datetime.date(2020, 11, 30),
     "โครงการและกิจกรรมที่จะดำเนินการในปีงบประมาณ 2564 พร้อมงบประมาณและระยะเวลา", {2564: ["O10"]}),
    ("report", "รายงานผลการดำเนินงานตามแผนการดำเนินงาน รอบ 6 เดือน ปีงบประมาณ 2564", 2564,
     datetime.date(2021, 4, 20),
     "ความก้าวหน้าของโครงการตามแผนการดำเนินงานระหว่างเดือนตุลาคม 2563 ถึงมีนาคม 2564", {2564: ["O11"]}),
    ("report", "รายงานผลการดำเนินงานประจำปีงบประมาณ พ.ศ. 2563", 2563, datetime.date(2020, 12, 15),
     "ผลการดำเนินงานตามแผนของปีงบประมาณ 2563", {2564: ["O12"], 2566: []}),
    ("work-manual", "คู่มือการปฏิบัติงาน (Work Manual) การจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", 2564,
     datetime.date(2020, 10, 15),
     "ขั้นตอนการรับเรื่องร้องเรียนการทุจริตของฝ่ายนิติการ การรายงานผู้บังคับบัญชา และการติดตามผล",
     {2564: ["O13", "O29"], 2566: ["O14", "O27"], 2568: ["O17"]}),
    ("work-manual", "คู่มือการปฏิบัติงานของเจ้าหน้าที่ งานทะเบียนราษฎรและบัตรประจำตัวประชาชน", 2567,
     datetime.date(2024, 1, 15),
     "ขั้นตอน มาตรฐานเวลา และการตรวจสอบของผู้บังคับบัญชาในงานทะเบียนราษฎร ใช้จนกว่าจะมีฉบับใหม่", {}),
    ("service-manual", "คู่มือสำหรับประชาชน การขออนุญาตก่อสร้างอาคาร", 2564, datetime.date(2020, 12, 1),
     "ขั้นตอน ระยะเวลา ค่าธรรมเนียม และเอกสารที่ต้องใช้ในการขออนุญาตก่อสร้าง ดัดแปลง หรือรื้อถอนอาคาร",
     {2564: ["O14"], 2566: ["O15"], 2568: ["O9"]}),
    ("form", "แบบคำร้องขอรับความช่วยเหลือทั่วไป", 2565, datetime.date(2021, 11, 8),
     "แบบฟอร์มสำหรับดาวน์โหลดและกรอกก่อนมาติดต่อสำนักงานเทศบาล ลดการเดินทางไปมา", {2564: [], 2566: []}),
    ("report", "สถิติการให้บริการประชาชน ปีงบประมาณ 2564", 2564, datetime.date(2021, 10, 12),
     "จำนวนผู้รับบริการจำแนกตามงานบริการ เช่น ทะเบียนราษฎร การชำระภาษี และการขออนุญาต", {2564: ["O15"], 2566: []}),
    ("report", "รายงานผลการสำรวจความพึงพอใจการให้บริการ ประจำปีงบประมาณ 2563", 2563, datetime.date(2020, 11, 20),
     "ผลการสำรวจความพึงพอใจของผู้รับบริการต่อขั้นตอน เจ้าหน้าที่ และสิ่งอำนวยความสะดวก", {2564: ["O16"], 2566: []}),
    ("budget", "เทศบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2564", 2564, datetime.date(2020, 9, 25),
     "งบประมาณรายจ่ายประจำปีและแผนการใช้จ่ายงบประมาณ จำแนกตามแผนงาน", {2564: ["O18"], 2566: []}),
    ("report", "รายงานการใช้จ่ายงบประมาณ รอบ 6 เดือน ปีงบประมาณ 2564", 2564, datetime.date(2021, 4, 25),
     "การเบิกจ่ายงบประมาณเทียบกับแผนการใช้จ่ายระหว่างเดือนตุลาคม 2563 ถึงมีนาคม 2564", {2564: ["O19"], 2566: []}),
    ("financial-statement", "งบแสดงฐานะการเงิน ประจำปีงบประมาณ พ.ศ. 2563", 2563, datetime.date(2020, 12, 28),
     "งบแสดงฐานะการเงินและรายงานรายรับจริงประกอบงบทดลอง ณ วันที่ 30 กันยายน 2563", {2564: ["O20"], 2566: []}),
    ("financial-statement", "งบแสดงฐานะการเงิน ประจำปีงบประมาณ พ.ศ. 2568", 2568, datetime.date(2025, 12, 20),
     "งบแสดงฐานะการเงิน ณ วันที่ 30 กันยายน 2568", {2564: [], 2566: []}),
    ("announcement", "ประกาศนโยบายการบริหารทรัพยากรบุคคล เทศบาลเมืองกำแพงเพชร", 2564, datetime.date(2020, 10, 5),
     "นโยบายการสรรหา พัฒนา และรักษาบุคลากรที่มีคุณธรรม", {2564: ["O25", "O27"], 2566: []}),
    ("hr-report", "รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล ประจำปีงบประมาณ 2563", 2563, datetime.date(2020, 11, 25),
     "ผลการฝึกอบรม การประเมินผล และการพัฒนาบุคลากรในปีงบประมาณ 2563", {2564: ["O28"], 2566: []}),
    ("declaration", "ประกาศเจตจำนงสุจริตในการบริหารงานของผู้บริหารเทศบาลเมืองกำแพงเพชร ปีงบประมาณ 2564", 2564,
     datetime.date(2020, 10, 1),
     "ผู้บริหารประกาศเจตจำนงว่าจะบริหารงานด้วยความซื่อสัตย์สุจริต โปร่งใส และตรวจสอบได้", {2564: ["O35"], 2566: []}),
    ("declaration", "ประกาศเจตจำนงสุจริตในการบริหารงานของผู้บริหารเทศบาลเมืองกำแพงเพชร ปีงบประมาณ 2566", 2566,
     datetime.date(2022, 10, 3),
     "ผู้บริหารประกาศเจตจำนงสุจริตและนโยบายไม่รับของขวัญ (No Gift Policy)", {2564: [], 2566: ["O31"]}),
    ("anti-corruption-plan", "แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2564", 2564,
     datetime.date(2020, 10, 20),
     "โครงการและกิจกรรมป้องกันการทุจริต รวมถึงการอบรมเรื่องผลประโยชน์ทับซ้อน", {2564: ["O38", "O39"], 2566: []}),
    ("report", "รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริต รอบ 6 เดือน ปีงบประมาณ 2564", 2564,
     datetime.date(2021, 4, 28), "ความก้าวหน้าของแผนปฏิบัติการป้องกันการทุจริต ตุลาคม 2563 ถึงมีนาคม 2564",
     {2564: ["O40"]}),
    ("anti-corruption-report", "รายงานผลการดำเนินการป้องกันการทุจริต ประจำปีงบประมาณ 2563", 2563,
     datetime.date(2020, 10, 30),
     "ผลการดำเนินการตามแผนป้องกันการทุจริตของปีงบประมาณ 2563", {2564: ["O41"], 2566: []}),
    ("newsletter", "หนังสือพิมพ์ประชาสัมพันธ์ข่าวสารเทศบาลเมืองกำแพงเพชร \"ซากังราว\" ฉบับเดือนมีนาคม 2564", 2564,
     datetime.date(2021, 3, 5), "ข่าวกิจกรรมของเทศบาล ช่องทางร้องเรียนร้องทุกข์ และคู่มือการให้บริการประชาชน", {}),
    ("newsletter", "หนังสือพิมพ์ประชาสัมพันธ์ข่าวสารเทศบาลเมืองกำแพงเพชร \"ซากังราว\" ฉบับเดือนตุลาคม 2568", 2569,
     datetime.date(2025, 10, 10), "ข่าวกิจกรรมของเทศบาล การประชาคมเมือง และประกาศรับฟังความคิดเห็น", {}),
    ("integrity", NO_GIFT_2568, 2568, datetime.date(2024, 10, 1),
     "ผู้บริหารประกาศเจตนารมณ์ว่าบุคลากรของเทศบาลจะไม่รับของขวัญและประโยชน์อื่นใดจากการปฏิบัติหน้าที่", {}),
    ("operational-plan", "แผนการดำเนินงานประจำปีงบประมาณ พ.ศ. 2569", 2569, datetime.date(2025, 11, 3),
     "โครงการและกิจกรรมที่จะดำเนินการในปีงบประมาณ 2569", {2564: [], 2566: []}),
]


MULTI_YEAR = {"แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570)": 2570, "แผนพัฒนาท้องถิ่น (พ.ศ. 2561–2565) เพิ่มเติม ฉบับที่ 2": 2565}


def _documents(stdout):
    ensure_default_categories(Category)
    categories = {category.slug: category for category in Category.objects.all()}
    items = {(item.assessment_year_id, item.code): item for item in OITItem.objects.all()}
    created = 0
    for slug, title, year, date, summary, codes in DOCUMENTS:
        valid_until = MULTI_YEAR.get(title)
        title = f"{title} {SAMPLE}"
        document, was_created = Document.objects.get_or_create(
            title=title,
            defaults={"category": categories[slug], "fiscal_year": year, "publication_date": date,
                      "summary": summary, "is_published": True, "valid_until": valid_until},
        )
        if was_created:
            content = sample_pdf(title)
            document.attachment.save(f"sample-{document.pk}.pdf", ContentFile(content), save=False)
            document.original_filename = f"{slug}-{year}.pdf"
            document.content_type = content_type("pdf")
            document.file_size = len(content)
            document.save()
            created += 1
        document.oit_items.add(*[items[(assessment_year, code)]
                                 for assessment_year, year_codes in codes.items() for code in year_codes])
    stdout.write(f"เอกสารเผยแพร่ตัวอย่าง: เพิ่ม {created} รายการ")


# The seed document answers the ITA 2564 list, and a newcomer should see a current year: the
# demo confirms both. A real deployment confirms a year only after checking the NACC manual.
DEMO_CONFIRMED = {
    2564: "ตัวอย่าง: รายการที่เทศบาลใช้ตอบการประเมิน ITA 2564 (เอกสารมาตรการของเทศบาล)",
    2568: "ตัวอย่าง: ยืนยันโดยข้อมูลสาธิต ไม่ได้ตรวจกับคู่มือ ป.ป.ช. ฉบับจริง (พบ 24 ข้อจากแหล่งสาธารณะ ไม่พบ O6 และ O7)",
}


def _confirm_demo_years(stdout):
    for year in AssessmentYear.objects.filter(year__in=DEMO_CONFIRMED, confirmed_at__isnull=True):
        year.confirm(None, DEMO_CONFIRMED[year.year])
        stdout.write(f"รายการตรวจ ITA ปี {year.year}: ยืนยันแล้ว (ข้อมูลสาธิต)")


def _analysis():
    analysis, _created = ITAAnalysis.objects.get_or_create(
        assessment_year=2564,
        defaults={"summary": "ตารางวิเคราะห์จากเอกสารมาตรการส่งเสริมความโปร่งใสและป้องกันการทุจริต"
                             "ภายในหน่วยงานของเทศบาล"})
    for order, row in enumerate(ANALYSIS_2564, start=1):
        guideline, recommendation, timeframe, actions, responsible = row
        ITAAnalysisRow.objects.get_or_create(
            analysis=analysis, order=order,
            defaults={"guideline": guideline, "recommendation": recommendation, "timeframe": timeframe,
                      "actions": actions, "responsible": responsible})


def _ethics_and_no_gift():
    """The seed's conflict-of-interest training (FY 2564, its date invented) and samples for FY 2568."""
    training, created = EthicsActivity.objects.get_or_create(
        kind=EthicsActivity.Kind.TRAINING, title="อบรมพนักงานเรื่องผลประโยชน์ทับซ้อน",
        defaults={"held_on": TRAINING_DAY, "audience": "พนักงานเทศบาล ลูกจ้างประจำ พนักงานจ้าง",
                  "description": "ก่อนอบรมผู้เข้าร่วมมีความรู้ระดับปานกลาง ร้อยละ 32 หลังอบรมมีความรู้ระดับมากที่สุด "
                                 "ร้อยละ 86 (ผลจากเอกสารมาตรการของเทศบาล วันที่เป็นตัวอย่าง)"})
    if created:
        plan = Document.objects.filter(category__slug="anti-corruption-plan", fiscal_year=2564)
        training.documents.set(plan)
    # The training's test is the one assessment of staff the seed reports: knowledge of managing
    # conflicts of interest, one of the code of ethics' standards.
    EthicsAssessment.objects.get_or_create(fiscal_year=2564, defaults={
        "assessed_on": TRAINING_DAY, "score": 86,
        "method": "แบบทดสอบความรู้เรื่องการบริหารจัดการผลประโยชน์ทับซ้อน ก่อนและหลังการอบรมพนักงานเทศบาล "
                  "ลูกจ้างประจำ และพนักงานจ้าง",
        "result": "ก่อนอบรมผู้เข้าร่วมมีความรู้ระดับปานกลาง ร้อยละ 32 หลังอบรมมีความรู้ระดับมากที่สุด ร้อยละ 86 "
                  "พนักงานปฏิบัติงานตามหลักเกณฑ์และนโยบายการป้องกันผลประโยชน์ทับซ้อนได้ "
                  "(ผลจากเอกสารมาตรการของเทศบาล วันที่เป็นตัวอย่าง)"})
    EthicsActivity.objects.get_or_create(
        kind=EthicsActivity.Kind.TRAINING, title=f"อบรมประมวลจริยธรรมสำหรับพนักงานใหม่ {SAMPLE}",
        defaults={"held_on": datetime.date(2025, 2, 14), "participants": 42, "audience": "พนักงานจ้างที่บรรจุใหม่"})
    EthicsActivity.objects.get_or_create(
        kind=EthicsActivity.Kind.NO_GIFT, title=f"ประชาสัมพันธ์งดให้ของขวัญช่วงปีใหม่ {SAMPLE}",
        defaults={"held_on": datetime.date(2024, 12, 20), "participants": None,
                  "description": "ติดประกาศ ณ จุดบริการและเผยแพร่ทางเฟซบุ๊กของสำนักงาน"})
    document = Document.objects.filter(title=f"{NO_GIFT_2568} {SAMPLE}").first()
    if document:
        NoGiftDeclaration.objects.get_or_create(fiscal_year=2568, defaults={
            "declared_on": datetime.date(2024, 10, 1), "signatory_name": f"นายกเทศมนตรี {SAMPLE}",
            "signatory_position": "นายกเทศมนตรีเมืองกำแพงเพชร", "document": document})
    GiftRecord.objects.get_or_create(
        received_on=datetime.date(2025, 1, 3), giver=f"บริษัท ตัวอย่างพาณิชย์ จำกัด {SAMPLE}",
        defaults={"recipient_position": "ผู้อำนวยการกองคลัง", "occasion": "วันขึ้นปีใหม่",
                  "description": "กระเช้าผลไม้", "estimated_value": 1500, "action": GiftRecord.Action.RETURNED,
                  "action_note": "ส่งคืนพร้อมหนังสือแจ้งนโยบาย No Gift"})
    GiftYearStatement.objects.get_or_create(fiscal_year=2567, defaults={
        "stated_on": datetime.date(2024, 10, 15), "stated_by": "หัวหน้าสำนักปลัดเทศบาล",
        "note": f"ตรวจสอบทะเบียนแล้ว ไม่มีการรับของขวัญในปีงบประมาณ 2567 {SAMPLE}"})


def _eit_survey():
    """Open from a week ago for two months, so the home page shows the invitation."""
    today = timezone.localdate()
    EITSurvey.objects.get_or_create(assessment_year=thai.fiscal_year_of(today), defaults={
        "url": "https://itas.nacc.go.th/", "opens_on": today - datetime.timedelta(days=7),
        "closes_on": today + datetime.timedelta(days=60),
        "note": f"{SAMPLE} ลิงก์นี้ชี้ไปที่หน้าแรกของระบบ ITAS ของสำนักงาน ป.ป.ช. "
                "เทศบาลจะได้ลิงก์แบบสำรวจจริงจากระบบ ITAS"})


def _current_documents(categories, current):
    """The plans, rules and reports of the current and the previous fiscal year, titled and dated
    by the year the demo is loaded in."""
    previous = current - 1
    rows = [
        ("development-plan", f"แผนพัฒนาท้องถิ่น (พ.ศ. {previous}–{previous + 4})", previous - 1, 20,
         previous + 4),
        ("hr-rules", f"หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล พ.ศ. {previous}", previous, 10, None),
        ("work-manual", f"คู่มือการปฏิบัติงานของเจ้าหน้าที่ งานจัดเก็บรายได้ ปีงบประมาณ {previous}", previous, 12,
         None),
    ]
    for year in (previous, current):
        rows += [
            ("budget", f"เทศบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. {year}", year, 0, None),
            ("operational-plan", f"แผนการดำเนินงานประจำปีงบประมาณ พ.ศ. {year}", year, 5, None),
            ("hr-plan", f"แผนการบริหารและพัฒนาทรัพยากรบุคคล ประจำปีงบประมาณ {year}", year, 3, None),
            ("anti-corruption-plan", f"แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. {year}", year, 2, None),
            ("declaration", f"ประกาศเจตจำนงสุจริตในการบริหารงาน ปีงบประมาณ {year}", year, 0, None),
            ("integrity", f"ประกาศเจตนารมณ์ No Gift Policy ปีงบประมาณ พ.ศ. {year}", year, 0, None),
            # A year's reports come out in the next year, about the year before.
            ("hr-report", f"รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล ประจำปีงบประมาณ {year - 1}", year - 1, 360,
             None),
            ("anti-corruption-report", f"รายงานผลการดำเนินการป้องกันการทุจริต ประจำปีงบประมาณ {year - 1}",
             year - 1, 360, None),
        ]
    documents = {}
    for slug, title, year, days, valid_until in rows:
        title = f"{title} {SAMPLE}"
        document, created = Document.objects.get_or_create(title=title, defaults={
            "category": categories[slug], "fiscal_year": year, "publication_date": day_in(year, days),
            "summary": "เอกสารตัวอย่างของปีงบประมาณปัจจุบันและปีก่อน วันที่ตามวันที่โหลดข้อมูลสาธิต",
            "is_published": True, "valid_until": valid_until})
        if created:
            content = sample_pdf(title)
            document.attachment.save(f"sample-{document.pk}.pdf", ContentFile(content), save=False)
            document.original_filename, document.content_type = f"{slug}-{year}.pdf", content_type("pdf")
            document.file_size = len(content)
            document.save()
        documents[(slug, year)] = document
    return documents


def _current_years(current):
    """Records of the current and previous fiscal year that the current checklist asks for."""
    categories = {category.slug: category for category in Category.objects.all()}
    documents = _current_documents(categories, current)
    measure = IntegrityMeasure.objects.order_by("number").first()
    for year in (current - 1, current):
        for number, (process, status) in enumerate(
                (("การจัดเก็บค่าธรรมเนียมเก็บขนขยะ", "done"), ("การตรวจรับงานจ้างก่อสร้าง", "in-progress")), start=1):
            RiskEntry.objects.get_or_create(
                fiscal_year=year, process=process, risk=f"ความเสี่ยงการทุจริตตัวอย่างข้อ {number} {SAMPLE}",
                defaults={"likelihood": 3, "impact": 3, "controls": "ตรวจสอบโดยผู้บังคับบัญชาทุกเดือน",
                          "owner": "กองคลัง", "status": status if year == current else "done"})
        NoGiftDeclaration.objects.get_or_create(fiscal_year=year, defaults={
            "declared_on": day_in(year, 0), "signatory_name": f"นายกเทศมนตรี {SAMPLE}",
            "signatory_position": "นายกเทศมนตรีเมืองกำแพงเพชร", "document": documents[("integrity", year)]})
        EthicsActivity.objects.get_or_create(
            kind=EthicsActivity.Kind.NO_GIFT, title=f"ประชาสัมพันธ์นโยบาย No Gift ปีงบประมาณ {year} {SAMPLE}",
            defaults={"held_on": day_in(year, 1), "description": "ติดประกาศ ณ จุดบริการและเผยแพร่ทางเฟซบุ๊ก"})
        EthicsActivity.objects.get_or_create(
            kind=EthicsActivity.Kind.TRAINING, title=f"อบรมประมวลจริยธรรม ปีงบประมาณ {year} {SAMPLE}",
            defaults={"held_on": day_in(year, 30), "participants": 60, "audience": "พนักงานเทศบาล"})
        if measure:
            MeasureUpdate.objects.get_or_create(measure=measure, date=day_in(year, 14), defaults={
                "text": f"จัดเวทีรับฟังความคิดเห็นและเผยแพร่ผลบนเว็บไซต์ ปีงบประมาณ {year} {SAMPLE}"})
    previous = current - 1
    GiftYearStatement.objects.get_or_create(fiscal_year=previous, defaults={
        "stated_on": day_in(current, 10), "stated_by": "หัวหน้าสำนักปลัดเทศบาล",
        "note": f"ตรวจสอบทะเบียนแล้ว ไม่มีการรับของขวัญในปีงบประมาณ {previous} {SAMPLE}"})
    EthicsAssessment.objects.get_or_create(fiscal_year=previous, defaults={
        "assessed_on": day_in(previous, 300), "score": 88, "method": f"แบบทดสอบความรู้ประมวลจริยธรรม {SAMPLE}",
        "result": "พนักงานร้อยละ 88 ผ่านเกณฑ์"})
    ITAAnalysis.objects.get_or_create(assessment_year=previous, defaults={
        "summary": f"วิเคราะห์ผลการประเมิน ITA ปี {previous} และแนวทางปรับปรุง {SAMPLE}",
        "analysed_on": day_in(current, 20)})


def _current_list(stdout, current):
    """The checklist of the current assessment year: the newest shipped list, taken as the demo's
    list of this year when the NACC's is not shipped (a real deployment imports and confirms it)."""
    existing = AssessmentYear.objects.filter(year=current, items__isnull=False).first()
    if existing:
        if not existing.is_confirmed:
            existing.confirm(None, "ตัวอย่าง: ยืนยันโดยข้อมูลสาธิต ไม่ได้ตรวจกับคู่มือ ป.ป.ช. ฉบับจริง")
        return
    newest = AssessmentYear.objects.filter(items__isnull=False).order_by("-year").first()
    year = AssessmentYear.objects.create(year=current, source=(
        f"ตัวอย่าง: รายการปี {newest.year} ใช้แทนรายการปี {current} ในข้อมูลสาธิต"))
    OITItem.objects.bulk_create([
        OITItem(assessment_year=year, code=item.code, order=item.order, group=item.group, title=item.title,
                title_en=item.title_en, requirement=item.requirement, topics=item.topics,
                confidence=item.confidence, window=item.window, counts=item.counts,
                document_kinds=item.document_kinds)
        for item in newest.items.all()])
    year.confirm(None, f"ตัวอย่าง: ยืนยันโดยข้อมูลสาธิต (รายการปี {newest.year})")
    stdout.write(f"รายการตรวจ ITA ปี {current}: ใช้รายการปี {newest.year} (ข้อมูลสาธิต)")


def load(stdout):
    load_all(stdout)
    AssessmentYear.objects.filter(year=2568).update(source=(
        "ไฟล์ข้อมูล oit_2568.csv: 24 ข้อที่พบจากเว็บไซต์ของหน่วยงานที่เผยแพร่ ไม่พบข้อ O6 และ O7 "
        "ความเชื่อมั่นของแต่ละข้อแสดงในหน้าจัดการ"))
    _confirm_demo_years(stdout)
    _documents(stdout)
    newsletter.demo_issue()
    measures = {}
    for number, title, description in MEASURES:
        measures[number], _ = IntegrityMeasure.objects.get_or_create(
            number=number, defaults={"title": title, "description": description})
    for number, date, text in UPDATES:
        update, created = MeasureUpdate.objects.get_or_create(measure=measures[number], date=date, text=text)
        if created and number == 6:
            update.documents.set(
                Document.objects.filter(category__slug=Category.DECLARATION, fiscal_year=2564)
            )
    _analysis()
    indicator, created = Indicator.objects.get_or_create(
        measure=measures[6], fiscal_year=2564,
        title="ความรู้เรื่องการบริหารจัดการผลประโยชน์ทับซ้อนของผู้เข้ารับการอบรม")
    if created:
        IndicatorValue.objects.create(
            indicator=indicator, order=1, label="ก่อนอบรม", level="ปานกลาง", value=32
        )
        IndicatorValue.objects.create(indicator=indicator, order=2, label="หลังอบรม", level="มากที่สุด", value=86)
    for year, process, risk, likelihood, impact, controls, owner, status in RISKS:
        RiskEntry.objects.get_or_create(
            fiscal_year=year, process=process, risk=f"{risk} {SAMPLE}",
            defaults={"likelihood": likelihood, "impact": impact, "controls": controls, "owner": owner,
                      "status": status})
    _ethics_and_no_gift()
    current = thai.current_fiscal_year()
    _current_years(current)
    _current_list(stdout, current)
    _eit_survey()
    stdout.write("มาตรการ การวิเคราะห์ผล ITA 2564 ตัวชี้วัด ทะเบียนความเสี่ยง จริยธรรม No Gift และ EIT: พร้อมแล้ว")
