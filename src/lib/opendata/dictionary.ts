/**
 * The data dictionary's words: Italian titles of the collections and Italian descriptions (with
 * units) of the fields. Types, nullability and allowed values come from the zod schemas
 * (flatten.ts); what a field *means* cannot be read from a schema at runtime, so it is written
 * here, keyed by field name. tests/unit/opendata-dictionary.test.ts fails when a published
 * column or collection has no entry, so a new field cannot ship undocumented.
 */
import { STATUS_DESCRIPTIONS } from '../format.ts';
import type { Column } from './flatten.ts';

/** What a field means. */
export interface FieldDoc {
  /** Column name in the published files when it differs from the snake_case field name (Italian names for English fields). */
  col?: string;
  /** One-line Italian description: what the column holds and which column of the document it comes from. */
  d: string;
  /** Unit of measure of a figure: `euro`, `numero`, `ore`, `punti percentuali`, … */
  u?: string;
}

/** What a collection is, for titles, descriptions and the parent key of its child tables. */
export interface CollectionDoc {
  /** Dataset (file) name: Italian, kebab-case. */
  slug: string;
  titolo: string;
  /** One record, in the singular, for `id_<singolare>` parent-key columns. */
  singolare: string;
  descrizione: string;
}

/** The collections, in the order the catalogue presents them. */
export const COLLEZIONI: Record<string, CollectionDoc> = {
  tabelleDocumento: {
    slug: 'tabelle-documento',
    titolo: 'Tabelle del documento',
    singolare: 'tabella_documento',
    descrizione: 'Una riga per tabella della scheda del Ministero: titolo come stampato, righe del documento, «dati al», fonte dichiarata e dataset che ne pubblica le righe.',
  },
  measures: {
    slug: 'misure',
    titolo: 'Misure PNRR',
    singolare: 'misura',
    descrizione: 'Una riga per misura PNRR (riforma, investimento, sub-investimento) trovata nelle intestazioni del documento, con target e milestone, atti e tabelle; testo, cifre e note di qualità in elenchi collegati.',
  },
  document: {
    slug: 'documento',
    titolo: 'Il documento',
    singolare: 'documento',
    descrizione: 'La scheda nel suo insieme: titolo, regione, struttura delle intestazioni (missioni, componenti, misure) e testo fuori da ogni misura.',
  },
  golAvvisi: {
    slug: 'gol-avvisi',
    titolo: 'GOL: avvisi',
    singolare: 'avviso',
    descrizione: 'Gli avvisi del programma GOL (tabella T01): percorsi finanziati, dotazione PNRR e stima della platea.',
  },
  golTargets: {
    slug: 'gol-target',
    titolo: 'GOL: avanzamento dei target',
    singolare: 'target',
    descrizione: 'Le griglie di avanzamento dei target GOL M5C1-3, M5C1-4 e M5C1-5 e la distribuzione dei beneficiari per percorso (tabelle T02a–d); le colonne di una griglia restano vuote per le altre.',
  },
  golFinance: {
    slug: 'gol-finanze',
    titolo: 'GOL: avanzamento finanziario',
    singolare: 'avanzamento_gol',
    descrizione: 'L’avanzamento finanziario del programma GOL (tabella T03): risorse assegnate, erogato, programmato da avvisi, pagamenti ReGiS e tranche di erogazione.',
  },
  acts: {
    slug: 'atti',
    titolo: 'Atti normativi e amministrativi',
    singolare: 'atto',
    descrizione: 'Gli atti elencati dal documento (tabelle T04, T13 e T23): tipologia, numero, data, oggetto e milestone o target a cui contribuiscono.',
  },
  provinces: {
    slug: 'province',
    titolo: 'Province',
    singolare: 'provincia',
    descrizione: 'Le province (e la Città metropolitana di Milano) in cui il documento colloca almeno un centro per l’impiego, con i loro CPI.',
  },
  cpi: {
    slug: 'cpi',
    titolo: 'Centri per l’impiego (CPI)',
    singolare: 'cpi',
    descrizione: 'Un record per centro per l’impiego nominato nelle tabelle T06, T08 e T09: nome canonico, sede centrale o distaccata, provincia e comune, grafie e tabelle in cui compare.',
  },
  cpiPlanLines: {
    slug: 'cpi-piano-linee',
    titolo: 'Piano di potenziamento dei CPI: risorse per linea di intervento',
    singolare: 'linea',
    descrizione: 'Per ogni linea di intervento del piano regionale (comunicazione, formazione, osservatorio, sistemi informativi, adeguamento): risorse programmate e totali stampati nelle intestazioni.',
  },
  cpiPlan: {
    slug: 'cpi-piano-attivita',
    titolo: 'Piano di potenziamento dei CPI: attività',
    singolare: 'attivita',
    descrizione: 'Una riga per attività del piano regionale di potenziamento dei CPI (tabelle T05a–d e T06): versione del piano, dettaglio, risorse per fonte di finanziamento, CPI coinvolti.',
  },
  cpiQuarterly: {
    slug: 'cpi-avanzamento-trimestrale',
    titolo: 'Avanzamento fisico trimestrale dei target M5C1-7 e M5C1-7bis',
    singolare: 'rilevazione',
    descrizione: 'I totali regionali per periodo di rilevazione (tabelle T07a e T07b): CPI coinvolti e rendicontabili, attività programmate, completate, con avanzamento rilevante e in alert.',
  },
  cpiTargets: {
    slug: 'cpi-target',
    titolo: 'Avanzamento dei target M5C1-7 e M5C1-7bis per CPI',
    singolare: 'riga',
    descrizione: 'Una riga per CPI e target (tabelle T08 e T09), come stampata: attività programmate, completate, con avanzamento rilevante, alert. Le righe ripetute dello stesso CPI sono tenute distinte.',
  },
  dualePercorsi: {
    slug: 'duale-percorsi',
    titolo: 'Sistema duale: percorsi',
    singolare: 'percorso',
    descrizione: 'I sette percorsi del sistema duale come descritti nell’intestazione della tabella T10.',
  },
  dualeAvvisi: {
    slug: 'duale-avvisi',
    titolo: 'Sistema duale: avvisi',
    singolare: 'avviso',
    descrizione: 'Gli avvisi del sistema duale (tabella T10): percorsi finanziati, dotazione, quota PNRR, percorsi individuali programmati.',
  },
  dualeFinance: {
    slug: 'duale-finanze',
    titolo: 'Sistema duale: avanzamento finanziario',
    singolare: 'avanzamento_duale',
    descrizione: 'L’avanzamento finanziario del sistema duale (tabella T11): riparto per decreto, totale assegnato, obiettivo, risorse a bando, pagamenti ReGiS.',
  },
  dualeTargets: {
    slug: 'duale-target',
    titolo: 'Sistema duale: target e baseline',
    singolare: 'griglia',
    descrizione: 'Le griglie di avanzamento fisico del sistema duale (tabelle T12a–f): obiettivo regionale, target e baseline per anno formativo; le colonne di una griglia restano vuote per le altre.',
  },
  ispezioni: {
    slug: 'ispezioni',
    titolo: 'Lavoro sommerso: ispezioni',
    singolare: 'anno',
    descrizione: 'Le ispezioni avviate per anno e semestre (tabella T14, riforma M5C1 R1.2).',
  },
  projects: {
    slug: 'progetti',
    titolo: 'Progetti (CUP)',
    singolare: 'progetto',
    descrizione: 'Un record per progetto (CUP) delle tabelle M5C2 (T16–T22) e Crescere Green (T15a): ente, misura, importo, spese realizzate; gli indicatori sono nel dataset «progetti-indicatori».',
  },
  entities: {
    slug: 'enti',
    titolo: 'Enti (soggetti attuatori e proponenti)',
    singolare: 'ente',
    descrizione: 'Un record per ente che attua (M5C2) o propone (Crescere Green) almeno un progetto, con il nome canonico, la sede e i progetti.',
  },
  comuni: {
    slug: 'comuni',
    titolo: 'Comuni',
    singolare: 'comune',
    descrizione: 'I comuni in cui il documento colloca un centro per l’impiego o la sede di un ente, con codice ISTAT e provincia.',
  },
  crescereGreen: {
    slug: 'crescere-green-riepilogo',
    titolo: 'Crescere Green: riepilogo regionale',
    singolare: 'riepilogo',
    descrizione: 'La riga regionale della tabella T15b (M7C1 I10 «Crescere Green»): importo e beneficiari programmati e rendicontati.',
  },
  projectTables: {
    slug: 'progetti-tabelle',
    titolo: 'Tabelle dei progetti: righe e somme',
    singolare: 'tabella',
    descrizione: 'Per ogni tabella di progetti (T15a, T16–T22): numero di righe, somme calcolate di importi e spese, celle senza valore per stato. Le somme non sono stampate nel documento.',
  },
};

/**
 * Field descriptions. Keys are tried most specific first: `<collection>.<dotted path>`, then
 * `<dotted path>`, then the last field name alone; so `importo` documents every amount called
 * `importo`, and `projects.indicators.nome` can say something only a project indicator means.
 */
export const CAMPI: Record<string, FieldDoc> = {
  id: { d: 'Identificativo stabile del record (slug o codice), lo stesso usato negli indirizzi del sito' },
  slug: { d: 'Slug usato negli indirizzi del sito (uguale a id)' },
  measure: { col: 'misura', d: 'Identificativo della misura PNRR (es. m5c2-i1-1-1), dall’intestazione sopra la tabella' },

  // Tabelle del documento
  'tabelleDocumento.id': { d: 'Identificativo della tabella nel documento, in ordine di apparizione (T01…T23, sotto-griglie T02a…)' },
  'tabelleDocumento.titolo': { d: 'Titolo, didascalia o intestazione della tabella come stampata (ripulita dal markup)' },
  'tabelleDocumento.righeDocumento': { d: 'Prima e ultima riga del documento occupate dalla tabella, nella forma «prima-ultima»' },
  'tabelleDocumento.righeDati': { d: 'Righe di dati della tabella, dopo aver ricongiunto le righe spezzate', u: 'numero' },
  'tabelleDocumento.datiAl': { d: 'Data «dati al» che il documento dichiara per la tabella (AAAA-MM-GG); vuota se non la dichiara' },
  'tabelleDocumento.fonteSistema': { d: 'Sistema o rilevazione di origine dichiarato dal documento; vuoto se non dichiarato' },
  'tabelleDocumento.misura': { d: 'Identificativo della misura PNRR a cui la tabella appartiene' },
  'tabelleDocumento.dataset': { d: 'Nome del dataset di questo catalogo che pubblica le righe della tabella (file <dataset>.csv); vuoto se nessuno' },

  // Misure
  'measures.id': { d: 'Slug del codice della misura (m5c1-r1-1; pagina /misure/<id>/)' },
  'measures.code': { col: 'codice', d: 'Codice della misura ricavato dalle intestazioni (M5C1 R1.1, M5C2 I1.1.1)' },
  'measures.mission': { col: 'missione', d: 'Numero della missione PNRR', u: 'numero' },
  'measures.component': { col: 'componente', d: 'Numero della componente della missione', u: 'numero' },
  'measures.missionTitle': { col: 'titolo_missione', d: 'Titolo della missione dalla sua intestazione; vuoto se non stampato' },
  'measures.componentTitle': { col: 'titolo_componente', d: 'Titolo della componente dalla sua intestazione; vuoto se non stampato' },
  'measures.kind': { col: 'tipo', d: 'Tipo di misura: riforma, investimento, sub-investimento' },
  'measures.number': { col: 'numero', d: 'Numero della misura come stampato (1.1, 10, 1.1.1)' },
  'measures.title': { col: 'titolo', d: 'Titolo della misura dall’intestazione, ripulito (maiuscole solo iniziali se stampato tutto in maiuscolo)' },
  'measures.titlePrinted': { col: 'titolo_stampato', d: 'Titolo come stampato (senza markup, intestazioni su due righe ricongiunte)' },
  'measures.tags': { col: 'etichette', d: 'Etichette stampate accanto al titolo fuori dalle virgolette (REPowerEU)' },
  'measures.parent': { col: 'padre', d: 'Investimento padre di un sub-investimento' },
  'measures.parent.code': { col: 'codice', d: 'Codice dell’investimento padre di un sub-investimento (M5C2 I1.1)' },
  'measures.parent.title': { col: 'titolo', d: 'Titolo dell’investimento padre, se stampato' },
  'measures.acts': { col: 'atti', d: 'Identificativi degli atti della misura (dataset «atti»)' },
  'measures.tables': { col: 'tabelle', d: 'Tabelle del documento che appartengono alla misura (dataset «tabelle-documento»)' },
  'measures.targets': { col: 'target', d: 'Target e milestone della misura' },
  'measures.targets.code': { col: 'codice', d: 'Codice del target o della milestone come stampato, normalizzato (M5C1-7bis, M7-30)' },
  'measures.targets.kind': { col: 'tipo', d: 'target o milestone quando il documento lo dice; vuoto altrimenti' },
  'measures.targets.description': { col: 'descrizione', d: 'Descrizione come stampata (righe di continuazione ed elenchi ricongiunti)' },
  'measures.targets.deadline': { col: 'scadenza', d: 'Scadenza come stampata (T2-25, Q1 2024, 31/12/2025)' },
  'measures.targets.deadlineDate': { col: 'data_scadenza', d: 'Scadenza come data (AAAA-MM-GG) quando il documento stampa una data di calendario' },
  'measures.targets.value': { col: 'valore', d: 'Quantità da raggiungere (il primo numero della descrizione, es. 500 CPI); unità in «unita»' },
  'measures.targets.unit': { col: 'unita', d: 'Unità della quantità da raggiungere (il nome stampato dopo il numero)' },
  'measures.targets.achieved': { col: 'raggiunto', d: 'Vero quando il documento dice che è stato raggiunto; vuoto quando non lo dice' },
  'measures.targets.achievement': { col: 'avanzamento', d: 'Testo sull’avanzamento stampato dopo l’enunciato («Milestone raggiunta: …»)' },
  'measures.targets.sources': { col: 'dove', d: 'Dove è enunciato: testo, tabella o entrambi' },
  'measures.targets.tables': { col: 'tabelle', d: 'Tabelle del documento che lo riportano' },
  'measures.targets.acts': { col: 'atti', d: 'Identificativi degli atti collegati (dataset «atti»)' },
  'measures.targets.lines': { col: 'righe', d: 'Prima e ultima riga del documento dell’enunciato e del suo avanzamento («prima-ultima»)' },
  'measures.paragraphs': { col: 'paragrafi', d: 'Testo della misura' },
  'measures.figures': { col: 'cifre', d: 'Cifre enunciate nel testo' },
  'measures.dataQualityNotes': { col: 'note_qualita', d: 'Difetti del documento che riguardano la misura' },
  paragraphs: { col: 'paragrafi', d: 'Testo del documento' },
  'paragraphs.kind': { col: 'tipo', d: 'Tipo di paragrafo: titolo (sottotitolo), testo, elenco (voce di un elenco puntato)' },
  'paragraphs.text': { col: 'testo', d: 'Testo senza markup, con le correzioni di seeds/corrections.json' },
  'paragraphs.raw': { col: 'testo_stampato', d: 'Testo come stampato quando una correzione lo ha cambiato; vuoto altrimenti' },
  'paragraphs.lines': { col: 'righe', d: 'Prima e ultima riga del documento del paragrafo («prima-ultima»)' },
  figures: { col: 'cifre', d: 'Cifre enunciate nel testo' },
  'figures.label': { col: 'etichetta', d: 'Che cosa conta il numero, dalle parole che lo circondano (come stampate)' },
  'figures.value': { col: 'valore', d: 'Il numero (euro, conteggio o punti percentuali come dice «unita»); vuoto per un enunciato datato senza numero' },
  'figures.unit': { col: 'unita', d: '«€», «%» o il nome stampato dopo il numero («beneficiari», «CPI»)' },
  'figures.qualifier': { col: 'qualificatore', d: '«almeno», «circa», «quasi»… quando stampato prima del numero' },
  'figures.date': { col: 'data', d: 'Data di riferimento stampata con il numero («al 12 maggio 2025»), AAAA-MM-GG' },
  'figures.raw': { col: 'testo_stampato', d: 'Il numero come stampato' },
  'figures.section': { col: 'sezione', d: 'Linea di intervento per i blocchi «Risorse programmate» («Comunicazione»)' },
  'figures.lines': { col: 'righe', d: 'Prima e ultima riga del documento dell’enunciato («prima-ultima»)' },
  dataQualityNotes: { col: 'note_qualita', d: 'Difetti del documento' },
  'dataQualityNotes.note': { col: 'nota', d: 'Nota in italiano su un difetto del documento (intestazione o regione sbagliata…)' },
  'dataQualityNotes.line': { col: 'riga', d: 'Riga del documento a cui si riferisce la nota' },

  // Documento
  'document.id': { d: 'Sempre «scheda»' },
  'document.title': { col: 'titolo', d: 'Blocco del titolo come stampato, righe unite da « – »' },
  'document.region': { col: 'regione', d: 'Regione nominata nel titolo (grafia del gazzettiere)' },
  'document.measures': { col: 'misure', d: 'Identificativi di tutte le misure, in ordine di documento' },
  'document.headings': { col: 'intestazioni', d: 'Intestazioni strutturali del documento' },
  'document.headings.line': { col: 'riga', d: 'Riga del documento dell’intestazione' },
  'document.headings.text': { col: 'testo', d: 'Testo dell’intestazione (con le correzioni)' },
  'document.headings.role': { col: 'ruolo', d: 'Ruolo nella struttura: titolo, missione, componente, misura, misura-padre' },
  'document.headings.measure': { col: 'misura', d: 'Identificativo della misura per le intestazioni di misura; vuoto altrimenti' },
  'document.components': { col: 'componenti', d: 'Componenti delle missioni' },
  'document.components.code': { col: 'codice', d: 'Codice della componente (M5C1)' },
  'document.components.mission': { col: 'missione', d: 'Numero della missione', u: 'numero' },
  'document.components.component': { col: 'componente', d: 'Numero della componente', u: 'numero' },
  'document.components.missionTitle': { col: 'titolo_missione', d: 'Titolo della missione; vuoto se non stampato' },
  'document.components.componentTitle': { col: 'titolo_componente', d: 'Titolo della componente; vuoto se non stampato' },
  'document.components.measures': { col: 'misure', d: 'Identificativi delle misure della componente, in ordine di documento' },

  // GOL
  'golAvvisi.id': { d: 'Slug del nome dell’avviso (avviso-n-1)' },
  'golAvvisi.avviso': { d: 'Nome dell’avviso come stampato (colonna «Avvisi»)' },
  'golAvvisi.percorsi': { d: 'Numeri dei percorsi GOL finanziati (colonne «Percorsi 1…5» segnate con «x»)' },
  'golAvvisi.dotazionePnrr': { d: 'Colonna «Dotazione PNRR»', u: 'euro' },
  'golAvvisi.diCui': { d: 'Vero quando la dotazione è «di cui» di un altro avviso (ne è una parte): non va sommata al totale' },
  'golAvvisi.diCuiDi': { d: 'Identificativo dell’avviso di cui la dotazione è parte, quando la nota lo nomina' },
  'golAvvisi.notaDotazione': { d: 'Nota stampata accanto all’importo («di cui dell’avviso 1»)' },
  'golAvvisi.beneficiariStimati': { d: 'Colonna «Stima platea – Beneficiari»', u: 'persone' },
  'golAvvisi.formatiStimati': { d: 'Colonna «Stima platea – Formati»', u: 'persone' },
  'golTargets.id': { d: 'Slug del codice del target (m5c1-3), o distribuzione-per-percorso per la griglia senza didascalia' },
  'golTargets.target': { d: 'Codice del target dalla didascalia (M5C1-3); vuoto per la griglia senza didascalia' },
  'golTargets.titolo': { d: 'Che cosa misura il target, dalla didascalia («beneficiari, di cui fragili»)' },
  'golTargets.nota': { d: 'Frase aggiuntiva della riga della fonte sotto la griglia (es. chi conta come «avviati»)' },
  'golTargets.tipo': { d: 'Tipo di griglia: beneficiari (T02a), percorsi (T02b), formati (T02c), cpi (T02d)' },
  'golTargets.valoreProgrammato': { d: 'Colonna «Valore programmato» (obiettivo regionale)', u: 'persone' },
  'golTargets.presiInCarico': { d: 'Colonna «Individui presi in carico»', u: 'persone' },
  'golTargets.beneficiariConseguiti': { d: 'Colonna «Beneficiari conseguiti»', u: 'persone' },
  'golTargets.percAvanzamento': { d: 'Colonna «% di avanzamento sul target»', u: 'punti percentuali' },
  'golTargets.percFragili': { d: 'Colonna «% di beneficiari fragili»', u: 'punti percentuali' },
  'golTargets.percOccupati': { d: 'Colonna «% di occupati su individui presi in carico»', u: 'punti percentuali' },
  'golTargets.percLep': { d: 'Colonna «% che ha ricevuto i LEP su individui presi in carico»', u: 'punti percentuali' },
  'golTargets.percFormati': { d: 'Colonna «% formati su individui presi in carico» (T02a) o «% valore realizzato su programmato – formati» (T02c)', u: 'punti percentuali' },
  'golTargets.etichetta': { d: 'Etichetta della riga come stampata («% sul totale dei beneficiari»)' },
  'golTargets.quote': { col: 'quote', d: 'Quote dei beneficiari per percorso' },
  'golTargets.quote.percorso': { d: 'Nome del percorso (intestazione di colonna, es. «Upskilling»)' },
  'golTargets.quote.quota': { d: 'Quota dei beneficiari nel percorso', u: 'punti percentuali' },
  'golTargets.valoreProgrammatoDigitale': { d: 'Colonna «Valore programmato (digitale)»', u: 'persone' },
  'golTargets.avviatiFormazione': { d: 'Colonna «Avviati a formazione (inclusi i tirocini)»', u: 'persone' },
  'golTargets.formati': { d: 'Colonna «Di cui formati (valore realizzato)»', u: 'persone' },
  'golTargets.formatiDigitali': { d: 'Colonna «Di cui formati digitali (valore realizzato)»', u: 'persone' },
  'golTargets.percFormatiDigitali': { d: 'Colonna «% valore realizzato su programmato – formati digitali»', u: 'punti percentuali' },
  'golTargets.cpiTotali': { d: 'Colonna «Numero totale di CPI nella regione»', u: 'numero' },
  'golTargets.sogliaPercentuale': { d: 'Soglia letta dall’intestazione («80% del totale» → 80)', u: 'punti percentuali' },
  'golTargets.soglia': { d: 'Colonna «80% del totale» come stampata (arrotondata per eccesso nel documento)', u: 'numero di CPI' },
  'golTargets.cpiValorizzabili': { d: 'Colonna «Numero di CPI valorizzabili per il target»', u: 'numero' },
  'golFinance.id': { d: 'Identificativo fisso dell’unico record' },
  'golFinance.risorseAssegnate': { d: 'Colonna «Risorse assegnate»', u: 'euro' },
  'golFinance.erogato': { d: 'Colonna «Erogato»', u: 'euro' },
  'golFinance.programmatoDaAvvisi': { d: 'Colonna «Programmato da avvisi (*)»', u: 'euro' },
  'golFinance.pagamentiTotali': { d: 'Colonna «Pagamenti totali (sistema ReGiS)»', u: 'euro' },
  'golFinance.tranche': { col: 'tranche', d: 'Tranche di erogazione (ultime colonne della tabella)' },
  'golFinance.tranche.descrizione': { d: 'Tranche come stampata nell’intestazione' },
  'golFinance.tranche.erogata': { d: 'Vero quando la cella è segnata con «x»' },

  // Atti
  'acts.id': { d: 'Tipologia, numero e anno dell’atto (dm-32-2022)' },
  'acts.tipologia': { d: 'Colonna «Tipologia» come stampata (D.M., D.Lgs, nota prot., L)' },
  'acts.numero': { d: 'Colonna «Nr» come stampata' },
  'acts.data': { d: 'Colonna «Data emissione» (AAAA-MM-GG)' },
  'acts.oggetto': { d: 'Colonna «Oggetto» (refusi corretti); vuota se la tabella non ha la colonna' },
  'acts.milestone.code': { col: 'codice', d: 'Codice della milestone o del target a cui l’atto contribuisce (M5C1-8)' },
  'acts.milestone.description': { col: 'descrizione', d: 'Descrizione della milestone come stampata (ricongiunta se spezzata da un salto pagina)' },
  'acts.milestone.raggiunta': { d: 'Vero quando l’intestazione della colonna dice che le milestone sono state raggiunte' },

  // Sistema duale
  'dualePercorsi.id': { d: 'percorso-<numero>' },
  'dualePercorsi.numero': { d: 'Numero del percorso come stampato nell’intestazione della tabella T10' },
  'dualePercorsi.descrizione': { d: 'Descrizione del percorso dall’intestazione (grafia IeFP corretta)' },
  'dualeAvvisi.id': { d: 'Slug del nome dell’avviso' },
  'dualeAvvisi.avviso': { d: 'Colonna «Avviso» come stampata (grafia IeFP corretta)' },
  'dualeAvvisi.percorsi': { d: 'Numeri dei percorsi finanziati (colonne «Percorso 1…7» segnate con «x»; dataset «duale-percorsi»)' },
  'dualeAvvisi.dotazione': { d: 'Colonna «Dotazione finanziaria dell’Avviso»', u: 'euro' },
  'dualeAvvisi.dotazionePnrr': { d: 'Colonna «di cui PNRR»', u: 'euro' },
  'dualeAvvisi.percorsiProgrammati': { d: 'Colonna «Percorsi individuali programmati» (primo numero della cella)', u: 'numero' },
  'dualeAvvisi.percorsiProgrammatiPnrr': { d: 'Parte «di cui … PNRR» della stessa cella', u: 'numero' },
  'dualeFinance.id': { d: 'Identificativo fisso dell’unico record' },
  'dualeFinance.riparto': { col: 'riparto', d: 'Riparto per decreto' },
  'dualeFinance.riparto.decreto': { d: 'Decreto di riparto come stampato («DD n. 54/2022»)' },
  'dualeFinance.riparto.sommeAssegnate': { d: 'Colonna «Somme assegnate» del decreto', u: 'euro' },
  'dualeFinance.totaleAssegnato': { d: 'Colonna «Totale assegnato»', u: 'euro' },
  'dualeFinance.obiettivoScadenza': { d: 'Scadenza della colonna degli obiettivi («Obiettivi 31.12.2025»), AAAA-MM-GG' },
  'dualeFinance.relevantCertification': { d: 'Colonna «Relevant certification» (obiettivo)', u: 'persone' },
  'dualeFinance.risorsePnrrABando': { d: 'Colonna «Risorse PNRR messe a bando (somma sugli Avvisi)» come stampata', u: 'euro' },
  'dualeFinance.totaleProgrammatoAvvisi': { d: 'Colonna «Totale risorse programmate da Avvisi»', u: 'euro' },
  'dualeFinance.statoLiquidita': { d: 'Colonna «Stato liquidità»', u: 'euro' },
  'dualeFinance.pagamentiTotali': { d: 'Colonna «Pagamenti totali (dati ReGiS)»', u: 'euro' },
  'dualeTargets.id': { d: 'Tipo di griglia e slug della regione o della serie' },
  'dualeTargets.tipo': { d: 'Tipo di griglia: obiettivo (T12a), totali (T12b), target-per-anno (T12c), baseline-per-anno (T12d), serie (T12e/T12f)' },
  'dualeTargets.regione': { d: 'Regione come stampata' },
  'dualeTargets.obiettivo': { d: 'Obiettivo programmato del target regionale', u: 'persone' },
  'dualeTargets.realizzato': { d: 'Totale target realizzato', u: 'persone' },
  'dualeTargets.realizzatoRrf': { d: 'Totale target realizzato con risorse RRF', u: 'persone' },
  'dualeTargets.percRealizzato': { d: '% target realizzato su obiettivo regionale', u: 'punti percentuali' },
  'dualeTargets.percRealizzatoRrf': { d: '% target realizzato con risorse RRF su obiettivo regionale', u: 'punti percentuali' },
  'dualeTargets.totaleBaseline': { d: '«TOTALE BASELINE»', u: 'persone' },
  'dualeTargets.totaleTarget': { d: '«TOTALE TARGET»', u: 'persone' },
  'dualeTargets.totaleTargetRrf': { d: '«TOTALE TARGET con risorse RRF» / «di cui RRF»', u: 'persone' },
  'dualeTargets.quotaRrf': { d: 'Colonna senza intestazione: quota RRF del target totale', u: 'punti percentuali' },
  'dualeTargets.totaleConRisorseMiste': { d: 'Totale relevant target con risorse RRF/regionali/nazionali', u: 'persone' },
  'dualeTargets.totaleConSoleRrf': { d: 'Totale relevant target con sole risorse RRF', u: 'persone' },
  'dualeTargets.grandezza': { d: 'Se la serie riguarda il target o la baseline' },
  'dualeTargets.etichetta': { d: 'Etichetta della riga come stampata («TARGET», «OBIETTIVO BASELINE REGIONALE»)' },
  'dualeTargets.grafico': { d: 'Didascalia del grafico perso stampata sotto la griglia' },
  'dualeTargets.anni': { col: 'anni', d: 'Valori per anno formativo' },
  'dualeTargets.anni.annoFormativo': { d: 'Anno formativo (2020/2021)' },
  'dualeTargets.anni.relevantTarget': { d: 'Relevant target dell’anno (T12c)', u: 'persone' },
  'dualeTargets.anni.valorizzatoCoerente': { d: 'Vero quando la colonna dice «valorizzato coerente»' },
  'dualeTargets.anni.diCuiRrf': { d: 'Di cui con risorse RRF (T12c)', u: 'persone' },
  'dualeTargets.anni.conRisorseMiste': { d: 'Con risorse RRF/regionali/nazionali (T12c)', u: 'persone' },
  'dualeTargets.anni.conSoleRrf': { d: 'Con sole risorse RRF (T12c)', u: 'persone' },
  'dualeTargets.anni.baseline': { d: 'Relevant baseline dell’anno (T12d)', u: 'persone' },
  'dualeTargets.valori': { col: 'valori', d: 'Valori della serie per anno formativo' },
  'dualeTargets.valori.annoFormativo': { d: 'Anno formativo (2020/2021)' },
  'dualeTargets.valori.valore': { d: 'Valore della serie nell’anno (cumulato per le righe TARGET e BASELINE)', u: 'persone' },

  // Ispezioni
  'ispezioni.id': { d: 'ispezioni-<anno>' },
  'ispezioni.anno': { d: 'Colonna «Annualità»' },
  'ispezioni.primoSemestre': { d: 'Colonna «I semestre»: ispezioni avviate', u: 'numero' },
  'ispezioni.secondoSemestre': { d: 'Colonna «II semestre» (assente quando non ancora stampato)', u: 'numero' },
  'ispezioni.totale': { d: 'Colonna «Totale» come stampata', u: 'numero' },

  // Province
  'provinces.id': { d: 'Slug del nome della provincia nel gazzettiere ISTAT (pagina /province/<id>/)' },
  'provinces.name': { col: 'nome', d: 'Nome della provincia o città metropolitana nel gazzettiere ISTAT' },
  'provinces.label': { col: 'etichetta', d: 'Nome come scritto nelle etichette di gruppo della tabella T06 («Città Metropolitana di Milano»); il nome del gazzettiere se mai stampato' },
  'provinces.sigla': { d: 'Sigla della provincia (MB, BG…)' },
  'provinces.istat': { d: 'Codice ISTAT della provincia (3 cifre)' },
  'provinces.cpi': { d: 'Slug dei CPI collocati nella provincia, nell’ordine del documento' },

  // CPI
  'cpi.id': { d: 'Slug del CPI (uguale a slug; pagina /cpi/<id>/)' },
  'cpi.slug': { d: 'Slug del nome del CPI senza il prefisso «CPI »' },
  'cpi.name': { col: 'nome', d: 'Nome canonico del CPI («CPI Desenzano del Garda»), dalla forma stampata ripulita' },
  'cpi.variants': { col: 'varianti', d: 'Grafie del nome stampate nel documento' },
  'cpi.variants.text': { col: 'testo', d: 'Una grafia del nome come stampata nel documento' },
  'cpi.variants.lines': { col: 'righe', d: 'Righe del documento in cui compare questa grafia' },
  'cpi.kind': { col: 'tipo_sede', d: 'Sede centrale o sede distaccata (dal nome: «distaccata di X», «sede distaccata»)' },
  'cpi.parent': { col: 'sede_principale', d: 'Slug della sede principale da cui dipende una sede distaccata, se è a sua volta nell’elenco' },
  'cpi.parentName': { col: 'sede_principale_nome', d: 'Sede principale nominata da «(distaccata di X)» come stampata, anche se non è nell’elenco' },
  'cpi.province': { col: 'provincia', d: 'Slug della provincia del CPI; vuoto se né il documento né l’elenco curato la indicano' },
  'cpi.provinceSource': { col: 'provincia_origine', d: 'Come è stata trovata la provincia' },
  'cpi.provinceSource.type': { col: 'tipo', d: 'Origine della provincia: documento (etichetta di gruppo della tabella T06) o curato (elenco curato del progetto)' },
  'cpi.provinceSource.line': { col: 'riga', d: 'Riga del documento con l’etichetta di gruppo che colloca il CPI nella provincia' },
  'cpi.provinceSource.label': { col: 'etichetta', d: 'Etichetta di gruppo come stampata («Adeguamento sedi – Provincia di Bergamo»)' },
  'cpi.provinceSource.reason': { col: 'motivo', d: 'Motivo della voce dell’elenco curato' },
  'cpi.comune.istat': { d: 'Codice ISTAT (6 cifre) del comune sede del CPI' },
  'cpi.comune.name': { col: 'nome', d: 'Nome del comune sede del CPI nel gazzettiere ISTAT' },
  'cpi.comune.source': { col: 'origine', d: 'Come è stato trovato il comune: nome (il luogo nel nome del CPI) o curato (elenco curato del progetto)' },
  'cpi.comune.reason': { col: 'motivo', d: 'Motivo della voce dell’elenco curato (solo per origine «curato»)' },
  'cpi.tables': { col: 'tabelle', d: 'Tabelle del documento che nominano il CPI' },
  'cpi.tables.table': { col: 'tabella', d: 'Tabella del documento che nomina il CPI' },
  'cpi.tables.lines': { col: 'righe', d: 'Righe della tabella che nominano il CPI' },

  // Piano di potenziamento: linee
  'cpiPlanLines.id': { d: 'Linea di intervento (uguale a linea)' },
  'cpiPlanLines.linea': { d: 'Linea di intervento: comunicazione, formazione, osservatorio, sistemi-informativi, adeguamento' },
  'cpiPlanLines.titolo': { d: 'Intestazione della linea come stampata («Comunicazione», «Sistemi Informativi»…)' },
  'cpiPlanLines.tabella': { d: 'Tabella della griglia della linea (T05a–d, T06)' },
  'cpiPlanLines.pianoPotenziamento': { d: 'Risorse programmate – «Piano di potenziamento»', u: 'euro' },
  'cpiPlanLines.aggiornamentoPiano': { d: 'Risorse programmate – «Aggiornamento Piano» (aggiornamento 2023)', u: 'euro' },
  'cpiPlanLines.totaleNazionali': { d: 'Totale «tot: €» stampato nell’intestazione della colonna «Risorse nazionali ex DM 74/2019 e 59/2020»', u: 'euro' },
  'cpiPlanLines.totalePnrrInEssere': { d: 'Totale «tot: €» stampato nell’intestazione della colonna «Risorse PNRR – Progetti in essere (cfr. 400 mln)»', u: 'euro' },
  'cpiPlanLines.totalePnrrNative': { d: 'Totale «tot: €» stampato nell’intestazione della colonna «Risorse native PNRR (cfr. 200 mln)»', u: 'euro' },
  'cpiPlanLines.attivita': { col: 'numero_attivita', d: 'Righe di attività della griglia', u: 'numero' },

  // Piano di potenziamento: attività
  'cpiPlan.id': { d: 'Linea di intervento e posizione della riga nella sua griglia (<linea>-<nnn>)' },
  'cpiPlan.linea': { d: 'Linea di intervento (dall’intestazione della griglia): comunicazione, formazione, osservatorio, sistemi-informativi, adeguamento' },
  'cpiPlan.attivita': { d: 'Colonna «Attività»: etichetta di gruppo, ripetuta sulle celle unite; vuota nelle griglie senza la colonna (Comunicazione)' },
  'cpiPlan.attivitaRiga': { d: 'Riga del documento dove è stampata l’etichetta di gruppo (può seguire la riga, dopo un salto pagina); vuota senza etichetta' },
  'cpiPlan.versionePiano': { d: 'Colonna «Versione piano di riferimento» come stampata (dopo le correzioni)' },
  'cpiPlan.nuovaAttivita': { d: 'Vero per «nuova attività prevista da Piano ex DD 2023»: l’aggiornamento del piano, finanziato con risorse native PNRR' },
  'cpiPlan.dettaglio': { d: 'Colonna «Dettaglio attività»; più attività fuse in una cella sono separate da «; »' },
  'cpiPlan.nazionali': { d: 'Colonna «Fonte di finanziamento – Risorse nazionali ex DM 74/2019 e 59/2020»', u: 'euro' },
  'cpiPlan.pnrrInEssere': { d: 'Colonna «Risorse PNRR – Progetti in essere (cfr. 400 mln)»', u: 'euro' },
  'cpiPlan.pnrrNative': { d: 'Colonna «Risorse native PNRR (cfr. 200 mln)»', u: 'euro' },
  'cpiPlan.cpiCoinvolti': { d: 'Colonna «CPI coinvolti (nome delle sedi)» come stampata' },
  'cpiPlan.cpi': { d: 'Slug dei CPI nominati nella riga (dataset «cpi»); vuoto per le righe «Tutti i CPI …» e le celle vuote' },
  'cpiPlan.ambito.tipo': { d: 'Ambito della riga secondo la colonna «CPI coinvolti»: cpi (CPI nominati), provincia (tutti i CPI di una provincia), regione (tutti i CPI della regione)' },
  'cpiPlan.ambito.provincia': { d: 'Per l’ambito «provincia»: slug della provincia' },

  // Avanzamento trimestrale
  'cpiQuarterly.id': { d: 'Target e periodo (<target>-<periodo>, es. m5c1-7bis-lug-25)' },
  'cpiQuarterly.target': { d: 'Codice del target dall’intestazione della tabella (M5C1-7, M5C1-7bis)' },
  'cpiQuarterly.periodo': { d: 'Colonna «Periodo di rilevazione» come stampata (apr-25)' },
  'cpiQuarterly.periodoIso': { d: 'Anno e mese (AAAA-MM) letti dal periodo stampato; vuoto se non leggibile' },
  'cpiQuarterly.cpiCoinvolti': { d: 'Colonna «CPI coinvolti»', u: 'numero' },
  'cpiQuarterly.sediCentrali': { d: 'Colonna «di cui sedi centrali»', u: 'numero' },
  'cpiQuarterly.sediDistaccate': { d: 'Colonna «di cui sedi distaccate»', u: 'numero' },
  'cpiQuarterly.cpiRendicontabili': { d: 'Colonna «CPI rendicontabili»', u: 'numero' },
  'cpiQuarterly.rendicontabiliSediCentrali': { d: 'Colonna «CPI rendicontabili sedi centrali»', u: 'numero' },
  'cpiQuarterly.rendicontabiliSediDistaccate': { d: 'Colonna «CPI rendicontabili sedi distaccate»', u: 'numero' },
  'cpiQuarterly.attivitaProgrammate': { d: 'Colonna «N. attività programmate»', u: 'numero' },
  'cpiQuarterly.attivitaCompletate': { d: 'Colonna «N. attività completate»', u: 'numero' },
  'cpiQuarterly.percentualeCompletate': { d: 'Colonna «% attività completate»', u: 'punti percentuali' },
  'cpiQuarterly.attivitaAvanzamentoRilevante': { d: 'Colonna «N. attività non completate con avanzamento rilevante»', u: 'numero' },
  'cpiQuarterly.percentualeAvanzamentoRilevante': { d: 'Colonna «% attività con avanzamento rilevante sulle attività programmate»', u: 'punti percentuali' },
  'cpiQuarterly.attivitaAlert': { d: 'Colonna «Totale attività con alert»', u: 'numero' },
  'cpiQuarterly.percentualeAlert': { d: 'Colonna «% di attività in alert sul totale delle attività programmate»', u: 'punti percentuali' },

  // Target per CPI
  'cpiTargets.id': { d: 'Target e slug del CPI (<target>-<cpi>), con -2, -3… per un CPI stampato di nuovo nella stessa tabella' },
  'cpiTargets.target': { d: 'Codice del target dalla didascalia della tabella (M5C1-7, M5C1-7bis)' },
  'cpiTargets.regione': { d: 'Colonna «Regione» come stampata' },
  'cpiTargets.cpi': { d: 'Slug del CPI (colonna id del dataset «cpi»)' },
  'cpiTargets.nomeStampato': { d: 'Colonna «CPI» come stampata (un nome spezzato su due righe è ricongiunto con uno spazio)' },
  'cpiTargets.programmate': { d: 'Colonna «N. attività programmate»', u: 'numero' },
  'cpiTargets.completate': { d: 'Colonna «N. attività completate» (cella vuota = assente, non 0)', u: 'numero' },
  'cpiTargets.percentualeCompletamento': { d: 'Colonna «Percentuale di completamento»', u: 'punti percentuali' },
  'cpiTargets.avanzamentoRilevante': { d: 'Colonna «N. attività con avanzamento rilevante»', u: 'numero' },
  'cpiTargets.percentualeRilevante': { d: 'Colonna «Percentuale di avanzamento rilevante» (denominatore in «base_rilevante»)', u: 'punti percentuali' },
  'cpiTargets.baseRilevante': { d: 'Denominatore della percentuale di avanzamento rilevante come dichiarato dall’intestazione: attivita-in-corso (T08) o attivita-programmate (T09)' },
  'cpiTargets.alert': { d: 'Colonna unica degli alert (T08, stampata «al vertice»); vuota con stato vuoto nelle tabelle con livelli di alert', u: 'numero' },
  'cpiTargets.alertBasso': { d: 'Colonna «alert basso» (T09); vuota con stato vuoto nelle tabelle con un’unica colonna di alert', u: 'numero' },
  'cpiTargets.alertMedio': { d: 'Colonna «alert medio» (T09); vuota con stato vuoto nelle tabelle con un’unica colonna di alert', u: 'numero' },
  'cpiTargets.alertAlto': { d: 'Colonna «alert alto» (T09); vuota con stato vuoto nelle tabelle con un’unica colonna di alert', u: 'numero' },
  'cpiTargets.duplicato': { d: 'Vero quando lo stesso CPI è stampato su più righe della tabella (le righe restano distinte, mai fuse)' },
  'cpiTargets.duplicatoDi': { d: 'Identificativi delle altre righe dello stesso CPI nella tabella' },

  // Progetti
  'projects.id': { d: 'Identificativo del progetto: il CUP in minuscolo (pagina /progetti/<id>/)' },
  'projects.cup': { d: 'Codice Unico di Progetto, colonna «CUP» (spazi spuri rimossi)' },
  'projects.table': { col: 'tabella', d: 'Tabella del documento che riporta il progetto (T15a, T16…T22)' },
  'projects.entity': { col: 'ente', d: 'Slug del soggetto attuatore o proponente (colonna id del dataset «enti»)' },
  'projects.nomeStampato': { d: 'Colonna «Distretto sociale (ATS/Comune)» (M5C2) o «Proponente» (Crescere Green) come stampata nel documento' },
  'projects.regione': { d: 'Colonna «Regione» (solo Crescere Green); vuota per le righe M5C2, che non hanno la colonna' },
  'projects.importo': { d: 'Colonna «Importo finanziamento» (M5C2) o «Importo» (Crescere Green)', u: 'euro' },
  'projects.spese': { d: 'Colonna «Spese realizzate»; stato «assente» per Crescere Green, la cui tabella non ha la colonna', u: 'euro' },
  'projects.percentualeSpesa': { d: 'Spese realizzate / importo × 100, calcolata solo quando entrambi i valori sono validi (non stampata nel documento)', u: 'punti percentuali' },
  'projects.indicators': { col: 'indicatori', d: 'Indicatori del progetto' },
  'projects.indicators.gruppo': { d: 'Gruppo dell’indicatore nell’intestazione: output («Indicatori di output») o target («Indicatori di target»)' },
  'projects.indicators.nome': { col: 'indicatore', d: 'Nome dell’indicatore come stampato nell’intestazione della tabella' },
  'projects.indicators.unita': { d: 'Unità dei valori dell’indicatore: numero (un conteggio) oppure ore (ore di supervisione, M5C2 1.1.4)' },
  'projects.indicators.programmato': { d: 'Colonna «Valore programmato» dell’indicatore', u: 'numero o ore, come indicato in «unita»' },
  'projects.indicators.realizzato': { d: 'Colonna «Valore realizzato» dell’indicatore (Crescere Green: beneficiari rendicontati)', u: 'numero o ore, come indicato in «unita»' },

  // Enti
  'entities.id': { d: 'Slug del nome canonico dell’ente (pagina /enti/<id>/)' },
  'entities.name': { col: 'nome', d: 'Nome canonico: righe spezzate ricongiunte, spazi spuri rimossi, troncamenti a 40 caratteri e refusi corretti' },
  'entities.variants': { col: 'varianti', d: 'Grafie del nome stampate nel documento' },
  'entities.variants.text': { col: 'testo', d: 'Una grafia del nome come stampata nel documento' },
  'entities.variants.lines': { col: 'righe', d: 'Righe del documento (la prima di ogni riga di tabella) che stampano questa grafia' },
  'entities.tipo': { d: 'Forma giuridica dedotta dal nome (o dall’elenco curato): comune, comunita-montana, azienda-consortile, consorzio, ente-formazione, altro' },
  'entities.ruoli': { d: 'Ruoli dell’ente: soggetto-attuatore (progetti M5C2), proponente (progetti Crescere Green)' },
  'entities.comune.istat': { d: 'Codice ISTAT (6 cifre) del comune sede dell’ente' },
  'entities.comune.nome': { d: 'Nome ufficiale del comune sede dell’ente (gazzettiere ISTAT)' },
  'entities.comune.slug': { d: 'Slug del comune sede dell’ente (pagina /comuni/<slug>/)' },
  'entities.province': { col: 'provincia', d: 'Slug della provincia sede dell’ente; vuoto se la sede non è nota' },
  'entities.sedeFonte': { d: 'Come è stata trovata la sede: nome (il nome dell’ente è un comune), curata (elenco curato del progetto), nessuna' },
  'entities.sedeNota': { d: 'Motivo della sede indicata (nota dell’elenco curato o «sede non indicata nel documento»)' },
  'entities.ambiguo': { d: 'Vero quando il nome stampato potrebbe indicare più enti che il documento non distingue' },
  'entities.nota': { d: 'Nota sull’ambiguità o altra avvertenza; vuota se non ce ne sono' },
  'entities.measures': { col: 'misure', d: 'Identificativi delle misure dei progetti dell’ente' },
  'entities.projects': { col: 'progetti', d: 'Identificativi (CUP in minuscolo) dei progetti dell’ente' },

  // Comuni
  'comuni.id': { d: 'Slug del nome ufficiale del comune (pagina /comuni/<id>/)' },
  'comuni.nome': { d: 'Nome ufficiale del comune (gazzettiere ISTAT)' },
  'comuni.istat': { d: 'Codice ISTAT del comune (6 cifre)' },
  'comuni.provincia': { d: 'Slug della provincia o città metropolitana' },
  'comuni.provinciaNome': { d: 'Nome della provincia o città metropolitana (gazzettiere ISTAT)' },
  'comuni.sigla': { d: 'Sigla della provincia (MI, BG…)' },
  'comuni.cap': { d: 'Codici di avviamento postale del comune' },
  'comuni.cpi': { d: 'Slug dei centri per l’impiego con sede nel comune' },
  'comuni.entities': { col: 'enti', d: 'Slug degli enti con sede nel comune' },
  'comuni.projects': { col: 'progetti', d: 'Identificativi (CUP in minuscolo) dei progetti degli enti con sede nel comune' },
  'comuni.aliases': { col: 'alias', d: 'Altre grafie del nome usate per la ricerca (senza accenti, varianti S./San/Sant’, grafie del documento)' },

  // Crescere Green, riepilogo regionale
  'crescereGreen.id': { d: 'Slug della regione' },
  'crescereGreen.regione': { d: 'Colonna «Regione» come stampata' },
  'crescereGreen.importo': { d: 'Colonna «Importo»', u: 'euro' },
  'crescereGreen.beneficiariProgrammati': { d: 'Colonna «Target M7-30 – beneficiari programmati»', u: 'persone' },
  'crescereGreen.beneficiariRendicontati': { d: 'Colonna «Target M7-30 – beneficiari rendicontati»', u: 'persone' },

  // Tabelle dei progetti (somme calcolate)
  'projectTables.id': { d: 'Identificativo della tabella in minuscolo (t16)' },
  'projectTables.table': { col: 'tabella', d: 'Tabella del documento (T15a, T16…T22)' },
  'projectTables.title': { col: 'titolo', d: 'Titolo o intestazione della tabella come stampato' },
  'projectTables.rows': { col: 'righe_progetti', d: 'Righe di progetto della tabella, dopo aver ricongiunto le righe spezzate', u: 'numero' },
  'projectTables.importo.somma': { d: 'Somma degli importi validi della tabella (calcolata, non stampata nel documento)', u: 'euro' },
  'projectTables.importo.righeConValore': { d: 'Righe con un importo valido', u: 'numero' },
  'projectTables.importo.righeSenzaValore': { d: 'Righe senza importo (#N/D, dato non validato, cella vuota)', u: 'numero' },
  'projectTables.spese.somma': { d: 'Somma delle spese realizzate valide (calcolata, non stampata); vuota per le tabelle senza la colonna', u: 'euro' },
  'projectTables.spese.righeConValore': { d: 'Righe con una spesa realizzata valida', u: 'numero' },
  'projectTables.spese.righeSenzaValore': { d: 'Righe senza spesa realizzata (#N/D, dato non validato, cella vuota)', u: 'numero' },
  'projectTables.stati.non_validato': { d: 'Celle «Dato non validato» della tabella (importi, spese e indicatori)', u: 'numero' },
  'projectTables.stati.non_valido': { d: 'Celle «Dato non valido» della tabella', u: 'numero' },
  'projectTables.stati.nd': { d: 'Celle «#N/D» della tabella', u: 'numero' },
  'projectTables.stati.assente': { d: 'Celle vuote o con un trattino della tabella', u: 'numero' },
};

/** Column descriptions generated from a column's role rather than looked up. */
const PROVENANCE_DOCS: Record<string, string> = {
  fonte_file: 'File del documento del Ministero da cui è letto il record (cartella seeds/ del progetto)',
  fonte_righe: 'Prima e ultima riga del documento (numerate da 1) da cui è letto il record, nella forma «prima-ultima»',
  fonte_tabella: 'Tabella del documento (T01…T23, sotto-griglie T02a…; titoli nel dataset «tabelle-documento») o «testo» per il testo corrente',
  dati_al: 'Data «dati al» che il documento dichiara per la tabella (AAAA-MM-GG); vuota se il documento non la dichiara',
  fonte_sistema: 'Sistema o rilevazione di origine dichiarato dal documento (es. Sistema Informativo Unitario); vuoto se non dichiarato',
};

/** Italian description of each status a figure can have (from the site's one formatter). */
export function statusLegend(values: readonly string[] | undefined): string {
  const list = (values ?? Object.keys(STATUS_DESCRIPTIONS)) as (keyof typeof STATUS_DESCRIPTIONS)[];
  return list.map((s) => `${s} = ${STATUS_DESCRIPTIONS[s] ?? s}`).join('; ');
}

/** The entry for a field path, most specific key first. */
export function fieldDoc(collection: string, path: string): FieldDoc | undefined {
  const clean = path.replace(/\[\]/g, '');
  const leaf = clean.split('.').pop() ?? clean;
  return CAMPI[`${collection}.${clean}`] ?? CAMPI[clean] ?? CAMPI[leaf];
}

/** Published column name of a record field (Italian rename from CAMPI, or undefined to keep the snake_case name). */
export function columnRename(collection: string, path: string): string | undefined {
  return fieldDoc(collection, path)?.col;
}

/** A column's meaning and unit, as the dictionary publishes them. */
export interface ColumnDoc {
  descrizione: string | null;
  unita: string | null;
}

/**
 * Describe one published column. Generated columns (status, provenance, parent key, position)
 * are described from their role; the others from CAMPI, falling back to the schema's
 * `.describe()` text; null when neither exists (the dictionary test fails on it).
 */
export function describeColumn(col: Column, collection: string, columns: readonly Column[]): ColumnDoc {
  switch (col.role) {
    case 'stato': {
      const of = columns.find((c) => c.name === col.of);
      const what = of ? (fieldDoc(collection, of.path)?.d ?? of.schemaDescription) : undefined;
      return { descrizione: `Perché «${col.of}»${what ? ` (${lowerFirst(what)})` : ''} ha o non ha un numero: ${statusLegend(col.enum)}`, unita: null };
    }
    case 'fonte': {
      const suffix = Object.keys(PROVENANCE_DOCS).find((k) => col.name.endsWith(k));
      return { descrizione: suffix ? PROVENANCE_DOCS[suffix] : null, unita: null };
    }
    case 'chiave':
      // A child table's rows belong to records of the same collection.
      return { descrizione: `Identificativo del record di «${collectionDoc(collection).titolo}» a cui la riga appartiene (colonna id del dataset padre)`, unita: null };
    case 'posizione':
      return { descrizione: 'Posizione della riga (da 1) nell’elenco del record padre, nell’ordine del documento', unita: null };
  }
  const doc = fieldDoc(collection, col.path);
  const descrizione = doc?.d ?? col.schemaDescription ?? null;
  const unita = doc?.u ?? null;
  if (col.role === 'valore' && descrizione) {
    return { descrizione: `${descrizione}. Vuoto quando il documento non dà il numero: il motivo è in «stato_${col.name}»`, unita };
  }
  if (col.role === 'elenco' && descrizione) return { descrizione: `${descrizione} (valori separati da «|»)`, unita };
  return { descrizione, unita };
}

const lowerFirst = (s: string) => (s ? s[0].toLowerCase() + s.slice(1) : s);

/** The collection's documentation, or a fallback built from its name (flagged by the dictionary test). */
export function collectionDoc(collection: string): CollectionDoc & { documented: boolean } {
  const c = COLLEZIONI[collection];
  if (c) return { ...c, documented: true };
  const slug = collection
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return { slug, titolo: collection, singolare: slug.replace(/-/g, '_'), descrizione: collection, documented: false };
}
