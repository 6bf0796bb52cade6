"""The layout of administrative documents by Decree 30/2020/NĐ-CP (Appendix I): the letterhead of an agency,
the header drawn on the page (boxes 1–4), names broken between words, and the PDF of a Django template on
A4 with the decree's margins, serif and sizes. Shared by official documents and the dossiers' slips."""
