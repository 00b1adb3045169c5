<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>AccountPanel</name>
    <message>
        <location filename="../account_panel.py" line="93"/>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="93"/>
        <source>Bill date</source>
        <translation>Fecha de factura</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="93"/>
        <source>Billed</source>
        <translation>Facturado</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="93"/>
        <source>Open</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="95"/>
        <source>Receipt</source>
        <translation>Recibo</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="95"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="95"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="95"/>
        <source>Amount</source>
        <translation>Monto</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="96"/>
        <source>CASH ONLY</source>
        <translation>SOLO EFECTIVO</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="97"/>
        <source>&amp;Pay on account (Enter adds to cart)</source>
        <translation>&amp;Pagar a la cuenta (Enter la agrega)</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="98"/>
        <source>Amount to pay on account</source>
        <translation>Monto a pagar a la cuenta</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="100"/>
        <location filename="../account_panel.py" line="106"/>
        <source>No account selected</source>
        <translation>Ninguna cuenta seleccionada</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="121"/>
        <source>Loading %1…</source>
        <translation>Cargando %1…</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="152"/>
        <source>Open charges %1</source>
        <translation>Cargos pendientes %1</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="154"/>
        <source>Credit %1</source>
        <translation>Crédito %1</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="155"/>
        <source>Balance due %1</source>
        <translation>Saldo pendiente %1</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="156"/>
        <source>Paid up</source>
        <translation>Al corriente</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="167"/>
        <source>DISCONNECT PENDING %1: %2 more stops it</source>
        <translation>CORTE PENDIENTE %1: %2 más lo detiene</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="170"/>
        <source>DISCONNECTED since %1: %2 more reconnects today</source>
        <translation>SERVICIO CORTADO desde %1: con %2 más, reconexión hoy</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="173"/>
        <source>FINAL-BILLED</source>
        <translation>FACTURA FINAL</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="178"/>
        <source>Arrangement: next %1 due %2, %3 left</source>
        <translation>Convenio de pago: próximo pago de %1 vence el %2, quedan %3</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="184"/>
        <source>Arrangement BEHIND by %1</source>
        <translation>Convenio de pago ATRASADO por %1</translation>
    </message>
    <message>
        <location filename="../account_panel.py" line="192"/>
        <source>payment amount</source>
        <translation>monto del pago</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../approval.py" line="51"/>
        <source>Approver user id</source>
        <translation>Usuario del aprobador</translation>
    </message>
    <message>
        <location filename="../approval.py" line="54"/>
        <source>Approver PIN</source>
        <translation>PIN del aprobador</translation>
    </message>
    <message>
        <location filename="../approval.py" line="56"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../approval.py" line="58"/>
        <source>User id</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location filename="../approval.py" line="59"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../approval.py" line="65"/>
        <source>Approve</source>
        <translation>Aprobar</translation>
    </message>
</context>
<context>
    <name>ApproveCloseDialog</name>
    <message>
        <location filename="../supervisor_dialogs.py" line="97"/>
        <source>Approve close</source>
        <translation>Aprobar cierre</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="98"/>
        <source>Approve the close of drawer %1, cashier %2, opened %3.</source>
        <translation>Aprobar el cierre de la caja %1, cajero %2, abierta el %3.</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="101"/>
        <source>Approve</source>
        <translation>Aprobar</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="103"/>
        <source>Approved by</source>
        <translation>Aprobado por</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="105"/>
        <source>Counted, expected and over/short</source>
        <translation>Contado, esperado y sobrante/faltante</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="107"/>
        <source>&amp;Note (needed for any over/short)</source>
        <translation>&amp;Nota (necesaria si hay sobrante o faltante)</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="108"/>
        <source>Approval note</source>
        <translation>Nota de aprobación</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="113"/>
        <source>%1: counted %2, expected %3, over/short %4</source>
        <translation>%1: contado %2, esperado %3, sobrante/faltante %4</translation>
    </message>
</context>
<context>
    <name>BatchList</name>
    <message>
        <location filename="../batch_dialogs.py" line="306"/>
        <source>Remittance batches · terminal %1</source>
        <translation>Lotes de remesas · terminal %1</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="308"/>
        <source>Batches not yet posted</source>
        <translation>Lotes sin registrar</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="310"/>
        <source>Batch</source>
        <translation>Lote</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="310"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="310"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="310"/>
        <source>Opened by</source>
        <translation>Abierto por</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="311"/>
        <source>Tape</source>
        <translation>Cinta</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="311"/>
        <source>Entered</source>
        <translation>Ingresado</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="311"/>
        <source>Difference</source>
        <translation>Diferencia</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="313"/>
        <source>New batch</source>
        <translation>Nuevo lote</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="313"/>
        <source>Continue batch</source>
        <translation>Continuar lote</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="314"/>
        <source>Drawer work</source>
        <translation>Trabajo de caja</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="316"/>
        <source>↑↓ pick a batch · Enter continues it (a suspended batch resumes) · F5 New batch · F10 Drawer work · Ctrl+L Lock · Ctrl+Shift+E Español/English</source>
        <translation>↑↓ elegir un lote · Enter lo continúa (un lote suspendido se reanuda) · F5 Nuevo lote · F10 Trabajo de caja · Ctrl+L Bloquear · Ctrl+Shift+E English/Español</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="343"/>
        <source>No batch waits here: F5 opens a new one.</source>
        <translation>No hay lotes pendientes: F5 abre uno nuevo.</translation>
    </message>
</context>
<context>
    <name>BatchScreen</name>
    <message>
        <location filename="../batch_screen.py" line="144"/>
        <source>Remove entry</source>
        <translation>Quitar remesa</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="144"/>
        <source>Suspend</source>
        <translation>Suspender</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="145"/>
        <source>Post batch</source>
        <translation>Registrar lote</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="145"/>
        <source>Batch report</source>
        <translation>Informe del lote</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="146"/>
        <source>Batch list</source>
        <translation>Lista de lotes</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="146"/>
        <source>Drawer work</source>
        <translation>Trabajo de caja</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="147"/>
        <source>S&amp;tub scan or account</source>
        <translation>&amp;Talón escaneado o cuenta</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="147"/>
        <source>Stub or account</source>
        <translation>Talón o cuenta</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="148"/>
        <source>Check &amp;amount</source>
        <translation>&amp;Monto del cheque</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="148"/>
        <source>Check amount</source>
        <translation>Monto del cheque</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="149"/>
        <source>&amp;MICR line (fills the check)</source>
        <translation>Línea M&amp;ICR (llena el cheque)</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="149"/>
        <source>MICR line</source>
        <translation>Línea MICR</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="150"/>
        <source>Check &amp;number</source>
        <translation>&amp;Número de cheque</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="150"/>
        <source>Check number</source>
        <translation>Número de cheque</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="151"/>
        <source>R&amp;outing</source>
        <translation>&amp;Ruta bancaria</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="151"/>
        <source>Routing number</source>
        <translation>Número de ruta bancaria</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="155"/>
        <source>Batch against its tape</source>
        <translation>Lote contra su cinta</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="156"/>
        <source>BALANCED</source>
        <translation>CUADRADO</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="157"/>
        <source>Remittances of the batch</source>
        <translation>Remesas del lote</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="159"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="159"/>
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="159"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="159"/>
        <source>Stub due</source>
        <translation>Adeudado (talón)</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="160"/>
        <source>Check no.</source>
        <translation>Cheque núm.</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="160"/>
        <source>Amount</source>
        <translation>Monto</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="160"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="162"/>
        <source>Enter goes to the next box; the last Enter enters the remittance (a MICR line skips check number and routing) · Ctrl+↑↓ pick an entry · F9 Remove entry · F7 Suspend · F12 Post (when balanced) · Ctrl+P Batch report (PDF) · Esc Batch list · F10 Drawer work · Ctrl+L Lock</source>
        <translation>Enter pasa a la siguiente casilla; el último Enter ingresa la remesa (una línea MICR salta el número de cheque y la ruta) · Ctrl+↑↓ elegir una remesa · F9 Quitar remesa · F7 Suspender · F12 Registrar (cuando cuadra) · Ctrl+P Informe del lote (PDF) · Esc Lista de lotes · F10 Trabajo de caja · Ctrl+L Bloquear</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="190"/>
        <source>Batch %1 · %2 · %3</source>
        <translation>Lote %1 · %2 · %3</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="192"/>
        <source>Tape %1 — Entered %2 — Difference %3</source>
        <translation>Cinta %1 — Ingresado %2 — Diferencia %3</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="197"/>
        <source>To post %1 for %2 · set aside %3 for %4</source>
        <translation>Por registrar %1 por %2 · apartadas %3 por %4</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="223"/>
        <location filename="../batch_screen.py" line="262"/>
        <source>Scan the stub or type the account number.</source>
        <translation>Escanee el talón o escriba el número de cuenta.</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="227"/>
        <source>Stub not read: %1 — it will be set aside.</source>
        <translation>Talón no leído: %1 — se apartará.</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="230"/>
        <source>Account %1 · stub due %2</source>
        <translation>Cuenta %1 · adeudado según el talón %2</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="233"/>
        <source>Account %1 (keyed)</source>
        <translation>Cuenta %1 (tecleada)</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="243"/>
        <source>check amount</source>
        <translation>monto del cheque</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="304"/>
        <source>Remittance %1 (%2) set aside: %3. Keep the check with the batch&apos;s exceptions.</source>
        <translation>Remesa %1 (%2) apartada: %3. Guarde el cheque con las excepciones del lote.</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="308"/>
        <source>Remittance %1 entered: account %2 %3, %4.</source>
        <translation>Remesa %1 ingresada: cuenta %2 %3, %4.</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="325"/>
        <source>Pick the remittance to remove (Ctrl+↑↓).</source>
        <translation>Elija la remesa que va a quitar (Ctrl+↑↓).</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="334"/>
        <source>Removed from batch %1; it is kept, marked removed.</source>
        <translation>Quitada del lote %1; se conserva, marcada como quitada.</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="346"/>
        <source>Batch %1 suspended with %2 of %3 entered: Enter on it here resumes it.</source>
        <translation>Lote %1 suspendido con %2 de %3 ingresadas: Enter sobre él en esta lista lo reanuda.</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="361"/>
        <source>Batch %1 posted: %2 receipts, %3 to %4, for %5.</source>
        <translation>Lote %1 registrado: %2 recibos, del %3 al %4, por %5.</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="365"/>
        <source>%1 set aside for %2: return them to the customers.</source>
        <translation>%1 apartadas por %2: devuélvalas a los clientes.</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="378"/>
        <source>Writing the batch report…</source>
        <translation>Guardando el informe del lote…</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="383"/>
        <source>Batch report saved to %1</source>
        <translation>Informe del lote guardado en %1</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="405"/>
        <source>SET ASIDE: %1</source>
        <translation>APARTADA: %1</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="407"/>
        <source>REMOVED: %1</source>
        <translation>QUITADA: %1</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="409"/>
        <source>posted, receipt %1</source>
        <translation>registrada, recibo %1</translation>
    </message>
    <message>
        <location filename="../batch_screen.py" line="410"/>
        <source>entered</source>
        <translation>ingresada</translation>
    </message>
</context>
<context>
    <name>Batches</name>
    <message>
        <location filename="../batch_dialogs.py" line="49"/>
        <source>Mail</source>
        <translation>Correo</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="50"/>
        <source>Drop box</source>
        <translation>Buzón</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="53"/>
        <source>open</source>
        <translation>abierto</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="54"/>
        <source>suspended</source>
        <translation>suspendido</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="55"/>
        <source>posted</source>
        <translation>registrado</translation>
    </message>
</context>
<context>
    <name>CardDialog</name>
    <message>
        <location filename="../card_dialog.py" line="55"/>
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <location filename="../card_dialog.py" line="56"/>
        <source>Card payment</source>
        <translation>Pago con tarjeta</translation>
    </message>
    <message>
        <location filename="../card_dialog.py" line="61"/>
        <source>Waiting for the card terminal</source>
        <translation>Esperando a la terminal de tarjetas</translation>
    </message>
    <message>
        <location filename="../card_dialog.py" line="63"/>
        <source>Ask the terminal again (Enter)</source>
        <translation>Preguntar de nuevo a la terminal (Enter)</translation>
    </message>
    <message>
        <location filename="../card_dialog.py" line="64"/>
        <source>Ask the terminal again</source>
        <translation>Preguntar de nuevo a la terminal</translation>
    </message>
    <message>
        <location filename="../card_dialog.py" line="66"/>
        <location filename="../card_dialog.py" line="143"/>
        <source>Cancel (Esc)</source>
        <translation>Cancelar (Esc)</translation>
    </message>
    <message>
        <location filename="../card_dialog.py" line="67"/>
        <source>Cancel card payment</source>
        <translation>Cancelar pago con tarjeta</translation>
    </message>
    <message>
        <location filename="../card_dialog.py" line="86"/>
        <source>An earlier card payment&apos;s outcome is unknown.</source>
        <translation>Se desconoce el resultado de un pago anterior con tarjeta.</translation>
    </message>
    <message>
        <location filename="../card_dialog.py" line="88"/>
        <source>Card %1: the customer follows the terminal</source>
        <translation>Tarjeta %1: el cliente sigue las indicaciones de la terminal</translation>
    </message>
    <message>
        <location filename="../card_dialog.py" line="107"/>
        <source>Asking the terminal about %1…</source>
        <translation>Preguntando a la terminal por %1…</translation>
    </message>
    <message>
        <location filename="../card_dialog.py" line="115"/>
        <source>The terminal never received it: not charged.</source>
        <translation>La terminal nunca lo recibió: no se cobró.</translation>
    </message>
    <message>
        <location filename="../card_dialog.py" line="128"/>
        <source>Cancelled before the terminal was asked: not charged.</source>
        <translation>Cancelado antes de enviarlo a la terminal: no se cobró.</translation>
    </message>
    <message>
        <location filename="../card_dialog.py" line="148"/>
        <source>Card outcome unknown: ask the terminal before any other tender</source>
        <translation>Resultado de tarjeta desconocido: pregunte a la terminal antes de otra forma de pago</translation>
    </message>
    <message>
        <location filename="../card_dialog.py" line="155"/>
        <source>Later (Esc)</source>
        <translation>Más tarde (Esc)</translation>
    </message>
    <message>
        <location filename="../card_dialog.py" line="162"/>
        <source>Close (Esc)</source>
        <translation>Cerrar (Esc)</translation>
    </message>
    <message>
        <location filename="../card_dialog.py" line="185"/>
        <source>Cancelled; the terminal was not asked yet…</source>
        <translation>Cancelado; aún no se había enviado nada a la terminal…</translation>
    </message>
    <message>
        <location filename="../card_dialog.py" line="191"/>
        <source>Cancel sent; waiting for the terminal&apos;s answer…</source>
        <translation>Cancelación enviada; esperando la respuesta de la terminal…</translation>
    </message>
</context>
<context>
    <name>CartPanel</name>
    <message>
        <location filename="../cart.py" line="206"/>
        <source>Lines</source>
        <translation>Líneas</translation>
    </message>
    <message>
        <location filename="../cart.py" line="207"/>
        <source>Tenders</source>
        <translation>Formas de pago</translation>
    </message>
    <message>
        <location filename="../cart.py" line="208"/>
        <source>Sale lines</source>
        <translation>Líneas de la venta</translation>
    </message>
    <message>
        <location filename="../cart.py" line="209"/>
        <source>Tenders taken</source>
        <translation>Formas de pago recibidas</translation>
    </message>
    <message>
        <location filename="../cart.py" line="211"/>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <location filename="../cart.py" line="211"/>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <location filename="../cart.py" line="211"/>
        <source>Qty</source>
        <translation>Cant.</translation>
    </message>
    <message>
        <location filename="../cart.py" line="211"/>
        <location filename="../cart.py" line="213"/>
        <source>Amount</source>
        <translation>Monto</translation>
    </message>
    <message>
        <location filename="../cart.py" line="213"/>
        <source>Tender</source>
        <translation>Forma de pago</translation>
    </message>
    <message>
        <location filename="../cart.py" line="213"/>
        <source>Detail</source>
        <translation>Detalle</translation>
    </message>
    <message>
        <location filename="../cart.py" line="224"/>
        <source>Cash</source>
        <translation>Efectivo</translation>
    </message>
    <message>
        <location filename="../cart.py" line="224"/>
        <source>Check</source>
        <translation>Cheque</translation>
    </message>
    <message>
        <location filename="../cart.py" line="225"/>
        <source>Money order</source>
        <translation>Giro postal</translation>
    </message>
    <message>
        <location filename="../cart.py" line="225"/>
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <location filename="../tender_dialogs.py" line="77"/>
        <source>Check</source>
        <translation>Cheque</translation>
    </message>
    <message>
        <location filename="../tender_dialogs.py" line="79"/>
        <source>Check &amp;number</source>
        <translation>&amp;Número de cheque</translation>
    </message>
    <message>
        <location filename="../tender_dialogs.py" line="79"/>
        <source>Check number</source>
        <translation>Número de cheque</translation>
    </message>
    <message>
        <location filename="../tender_dialogs.py" line="80"/>
        <source>&amp;Routing (ABA)</source>
        <translation>&amp;Ruta bancaria (ABA)</translation>
    </message>
    <message>
        <location filename="../tender_dialogs.py" line="80"/>
        <source>Routing number</source>
        <translation>Número de ruta bancaria</translation>
    </message>
    <message>
        <location filename="../tender_dialogs.py" line="81"/>
        <source>Bank &amp;account</source>
        <translation>&amp;Cuenta bancaria</translation>
    </message>
    <message>
        <location filename="../tender_dialogs.py" line="81"/>
        <source>Bank account</source>
        <translation>Cuenta bancaria</translation>
    </message>
    <message>
        <location filename="../tender_dialogs.py" line="82"/>
        <source>Read MICR (F4)</source>
        <translation>Leer MICR (F4)</translation>
    </message>
    <message>
        <location filename="../tender_dialogs.py" line="83"/>
        <source>Read MICR</source>
        <translation>Leer MICR</translation>
    </message>
    <message>
        <location filename="../tender_dialogs.py" line="91"/>
        <source>Insert the check in the MICR reader…</source>
        <translation>Inserte el cheque en el lector MICR…</translation>
    </message>
    <message>
        <location filename="../tender_dialogs.py" line="103"/>
        <source>Read from the MICR line.</source>
        <translation>Leído de la línea MICR.</translation>
    </message>
</context>
<context>
    <name>CloseDayDialog</name>
    <message>
        <location filename="../supervisor_dialogs.py" line="315"/>
        <source>Close the business day</source>
        <translation>Cerrar el día contable</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="316"/>
        <source>Close business day %1. Every drawer must be balanced and the deposit made; afterwards nothing dated %1 changes (C12).</source>
        <translation>Cerrar el día contable %1. Todas las cajas deben estar cuadradas y el depósito hecho; después, nada con fecha %1 cambia (C12).</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="318"/>
        <source>Close the day</source>
        <translation>Cerrar el día</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="320"/>
        <source>Closed by</source>
        <translation>Cerrado por</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <location filename="../close_dialog.py" line="171"/>
        <source>Close drawer</source>
        <translation>Cerrar caja</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="172"/>
        <source>Count everything in the drawer. What was expected is shown only after you submit the count (blind close).</source>
        <translation>Cuente todo lo que hay en la caja. Lo esperado se muestra solo después de enviar el conteo (cierre ciego).</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="174"/>
        <source>Submit count</source>
        <translation>Enviar conteo</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="100"/>
        <location filename="../close_dialog.py" line="186"/>
        <source>Checks</source>
        <translation>Cheques</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="101"/>
        <location filename="../close_dialog.py" line="187"/>
        <source>Money orders</source>
        <translation>Giros postales</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="189"/>
        <source>Card batch total</source>
        <translation>Total del lote de tarjetas</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="190"/>
        <source>Card batch from terminal (F6)</source>
        <translation>Lote de tarjetas de la terminal (F6)</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="191"/>
        <source>Card batch from terminal</source>
        <translation>Lote de tarjetas de la terminal</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="200"/>
        <source>Card batch</source>
        <translation>Lote de tarjetas</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="213"/>
        <source>Close result</source>
        <translation>Resultado del cierre</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="96"/>
        <source>Counted</source>
        <translation>Contado</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="97"/>
        <source>Expected</source>
        <translation>Esperado</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="98"/>
        <source>Over/short</source>
        <translation>Sobrante/faltante</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="99"/>
        <source>Cash</source>
        <translation>Efectivo</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="102"/>
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="214"/>
        <source>Recount once (F7)</source>
        <translation>Recontar una vez (F7)</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="215"/>
        <source>Recount</source>
        <translation>Recontar</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="229"/>
        <source>Asking the terminal for its batch…</source>
        <translation>Pidiendo el lote a la terminal…</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="245"/>
        <source>card batch total</source>
        <translation>total del lote de tarjetas</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="275"/>
        <source>Drawer %1 counted. A supervisor approves the close; any over/short needs a note.</source>
        <translation>Caja %1 contada. Un supervisor aprueba el cierre; todo sobrante o faltante necesita una nota.</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="277"/>
        <source>Supervisor approval (Ctrl+Enter)</source>
        <translation>Aprobación del supervisor (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="278"/>
        <location filename="../close_dialog.py" line="293"/>
        <source>Supervisor approval</source>
        <translation>Aprobación del supervisor</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="286"/>
        <source>Submit recount (Ctrl+Enter)</source>
        <translation>Enviar reconteo (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="294"/>
        <source>Approve the close of drawer %1.</source>
        <translation>Aprobar el cierre de la caja %1.</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="296"/>
        <source>Note (needed for any over/short)</source>
        <translation>Nota (necesaria si hay sobrante o faltante)</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <location filename="../correction_dialogs.py" line="142"/>
        <source>R&amp;eason</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="142"/>
        <source>Correction reason</source>
        <translation>Motivo de la corrección</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="146"/>
        <source>Posted by</source>
        <translation>Registrado por</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="151"/>
        <source>What the correction will do</source>
        <translation>Lo que hará la corrección</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="153"/>
        <source>Journal entry it will post</source>
        <translation>Asiento contable que registrará</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="155"/>
        <source>GL account</source>
        <translation>Cuenta contable</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="155"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="155"/>
        <source>Debit</source>
        <translation>Débito</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="155"/>
        <source>Credit</source>
        <translation>Crédito</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="158"/>
        <source>What it does</source>
        <translation>Qué hace</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="159"/>
        <source>Journal entry</source>
        <translation>Asiento contable</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="203"/>
        <source>Fill in the boxes above first.</source>
        <translation>Primero llene las casillas de arriba.</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="228"/>
        <source>Check what it will do; Ctrl+Enter asks your PIN and posts it.</source>
        <translation>Revise lo que hará; Ctrl+Enter pide su PIN y la registra.</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="235"/>
        <source>Your PIN</source>
        <translation>Su PIN</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="236"/>
        <source>%1: your PIN posts this correction in your name.</source>
        <translation>%1: su PIN registra esta corrección a su nombre.</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="246"/>
        <source>Confirm</source>
        <translation>Confirmar</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="288"/>
        <source>Posted on %1; journal entry reverses entry %2.</source>
        <translation>Se registra el %1; el asiento revierte el asiento %2.</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="291"/>
        <source>Posted on %1.</source>
        <translation>Se registra el %1.</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="293"/>
        <source>No GL money moves: both accounts&apos; charges are on the same GL account.</source>
        <translation>No se mueve dinero entre cuentas contables: los cargos de ambas cuentas están en la misma cuenta contable.</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="304"/>
        <source>Receipt %1, taken %2 · drawer %3 · cashier %4 · total %5</source>
        <translation>Recibo %1, cobrado el %2 · caja %3 · cajero %4 · total %5</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="307"/>
        <source>VOID</source>
        <translation>ANULADO</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="309"/>
        <source>Account %1 %2: %3</source>
        <translation>Cuenta %1 %2: %3</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="310"/>
        <source>Item %1 %2: %3</source>
        <translation>Concepto %1 %2: %3</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="318"/>
        <source>Check %1, routing %2: %3</source>
        <translation>Cheque %1, ruta %2: %3</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="321"/>
        <source>Money order %1: %2</source>
        <translation>Giro postal %1: %2</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="323"/>
        <source>Card %1 …%2: %3</source>
        <translation>Tarjeta %1 …%2: %3</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="325"/>
        <source>Cash: %1</source>
        <translation>Efectivo: %1</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="328"/>
        <source>Account %1 %2, %3: owes %4, credit %5</source>
        <translation>Cuenta %1 %2, %3: adeuda %4, crédito %5</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="330"/>
        <source>cash only</source>
        <translation>solo efectivo</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="333"/>
        <source>Account %1 %2: owes %3 → %4, credit %5 → %6</source>
        <translation>Cuenta %1 %2: adeuda %3 → %4, crédito %5 → %6</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="338"/>
        <source>Account %1 turns cash only: checks are refused from now on (C16).</source>
        <translation>La cuenta %1 pasa a solo efectivo: desde ahora se rechazan los cheques (C16).</translation>
    </message>
</context>
<context>
    <name>CountGrid</name>
    <message>
        <location filename="../count_grid.py" line="100"/>
        <source>Notes</source>
        <translation>Billetes</translation>
    </message>
    <message>
        <location filename="../count_grid.py" line="100"/>
        <source>Coins</source>
        <translation>Monedas</translation>
    </message>
    <message>
        <location filename="../count_grid.py" line="100"/>
        <source>Rolled coin</source>
        <translation>Monedas en rollo</translation>
    </message>
    <message>
        <location filename="../count_grid.py" line="105"/>
        <source>Count of %1</source>
        <translation>Cantidad de %1</translation>
    </message>
    <message>
        <location filename="../count_grid.py" line="106"/>
        <source>Import coin sorter (F4)</source>
        <translation>Importar clasificadora de monedas (F4)</translation>
    </message>
    <message>
        <location filename="../count_grid.py" line="107"/>
        <source>Import coin sorter</source>
        <translation>Importar clasificadora de monedas</translation>
    </message>
    <message>
        <location filename="../count_grid.py" line="133"/>
        <source>Total %1</source>
        <translation>Total %1</translation>
    </message>
    <message>
        <location filename="../count_grid.py" line="155"/>
        <source>Waiting for the coin sorter&apos;s report…</source>
        <translation>Esperando el informe de la clasificadora de monedas…</translation>
    </message>
    <message>
        <location filename="../count_grid.py" line="173"/>
        <source>Coin sorter batch%1: %2 imported</source>
        <translation>Lote de la clasificadora%1: %2 importado</translation>
    </message>
</context>
<context>
    <name>DailyReportDialog</name>
    <message>
        <location filename="../supervisor_dialogs.py" line="241"/>
        <source>Daily Cash Report</source>
        <translation>Informe diario de caja</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="242"/>
        <source>Daily Cash Report of %1: every balancing check must say PASS.</source>
        <translation>Informe diario de caja del %1: todas las comprobaciones de cuadre deben decir CUADRA.</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="243"/>
        <source>Save PDF</source>
        <translation>Guardar PDF</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="246"/>
        <source>Adding up the day…</source>
        <translation>Sumando el día…</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="247"/>
        <source>Report totals</source>
        <translation>Totales del informe</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="248"/>
        <source>Balancing checks</source>
        <translation>Comprobaciones de cuadre</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="250"/>
        <source>Check</source>
        <translation>Comprobación</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="250"/>
        <source>Left</source>
        <translation>Izquierda</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="250"/>
        <source>Right</source>
        <translation>Derecha</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="250"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="254"/>
        <source>PDF &amp;file</source>
        <translation>&amp;Archivo PDF</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="254"/>
        <source>Report PDF file</source>
        <translation>Archivo PDF del informe</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="272"/>
        <source>Day closed</source>
        <translation>Día cerrado</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="273"/>
        <source>Day open</source>
        <translation>Día abierto</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="274"/>
        <source>Receipts net %1 · over/short %2 · deposit expected %3</source>
        <translation>Recibos netos %1 · sobrante/faltante %2 · depósito esperado %3</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="278"/>
        <source>Deposit %1, bag %2</source>
        <translation>Depósito %1, bolsa %2</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="279"/>
        <source>Deposit not made yet</source>
        <translation>Depósito aún no hecho</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="280"/>
        <source>Exceptions: %1</source>
        <translation>Excepciones: %1</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="287"/>
        <source>PASS</source>
        <translation>CUADRA</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="287"/>
        <source>FAIL</source>
        <translation>NO CUADRA</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="295"/>
        <source>Writing the report…</source>
        <translation>Guardando el informe…</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="307"/>
        <source>Report saved to %1</source>
        <translation>Informe guardado en %1</translation>
    </message>
</context>
<context>
    <name>DepositDialog</name>
    <message>
        <location filename="../supervisor_dialogs.py" line="136"/>
        <source>Bank deposit</source>
        <translation>Depósito bancario</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="137"/>
        <source>Deposit of %1 from the balanced drawers. You prepare it; a second supervisor verifies it with their id and PIN (C11).</source>
        <translation>Depósito del %1 de las cajas cuadradas. Usted lo prepara; un segundo supervisor lo verifica con su usuario y PIN (C11).</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="139"/>
        <source>Make deposit</source>
        <translation>Hacer depósito</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="143"/>
        <source>Prepared by</source>
        <translation>Preparado por</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="144"/>
        <source>Verified by</source>
        <translation>Verificado por</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="145"/>
        <source>a second supervisor, with their id and PIN</source>
        <translation>un segundo supervisor, con su usuario y PIN</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="146"/>
        <source>Counting the balanced drawers…</source>
        <translation>Contando las cajas cuadradas…</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="147"/>
        <source>Deposit preview</source>
        <translation>Vista previa del depósito</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="149"/>
        <source>&amp;Bag number</source>
        <translation>Número de &amp;bolsa</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="149"/>
        <source>Bag number</source>
        <translation>Número de bolsa</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="150"/>
        <source>&amp;Slip file</source>
        <translation>Archivo del &amp;comprobante</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="150"/>
        <source>Deposit slip file</source>
        <translation>Archivo del comprobante de depósito</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="167"/>
        <source>No deposit yet: Ctrl+Enter asks again.</source>
        <translation>Aún no hay depósito: Ctrl+Enter vuelve a consultar.</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="172"/>
        <source>Cash %1  (counted %2 + drops %3 − floats kept %4)</source>
        <translation>Efectivo %1  (contado %2 + retiros %3 − fondos reservados %4)</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="177"/>
        <source>Checks %1  (%2)</source>
        <translation>Cheques %1  (%2)</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="179"/>
        <source>Money orders %1  (%2)</source>
        <translation>Giros postales %1  (%2)</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="181"/>
        <source>Total %1</source>
        <translation>Total %1</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="190"/>
        <source>the deposit needs its bag number</source>
        <translation>el depósito necesita su número de bolsa</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="193"/>
        <source>Second supervisor verifies</source>
        <translation>Verificación del segundo supervisor</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="194"/>
        <source>Deposit of %1, bag %2, total %3: a second supervisor verifies it.</source>
        <translation>Depósito del %1, bolsa %2, total %3: lo verifica un segundo supervisor.</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="198"/>
        <source>Verify</source>
        <translation>Verificar</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="212"/>
        <source>Deposit made: bag %1, prepared by %2, verified by %3.</source>
        <translation>Depósito hecho: bolsa %1, preparado por %2, verificado por %3.</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="215"/>
        <source>Save slip again (Ctrl+Enter)</source>
        <translation>Guardar el comprobante de nuevo (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="216"/>
        <source>Save slip again</source>
        <translation>Guardar el comprobante de nuevo</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="223"/>
        <source>Writing the slip…</source>
        <translation>Guardando el comprobante…</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="227"/>
        <source>Slip saved to %1</source>
        <translation>Comprobante guardado en %1</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="231"/>
        <source>The deposit is made, but the slip was not saved: %1</source>
        <translation>El depósito está hecho, pero el comprobante no se guardó: %1</translation>
    </message>
</context>
<context>
    <name>DeviceJobs</name>
    <message>
        <location filename="../device_jobs.py" line="99"/>
        <source>Cash drawer did not open: %1</source>
        <translation>La caja no se abrió: %1</translation>
    </message>
</context>
<context>
    <name>Dialog</name>
    <message>
        <location filename="../keys.py" line="61"/>
        <source>Cancel (Esc)</source>
        <translation>Cancelar (Esc)</translation>
    </message>
    <message>
        <location filename="../keys.py" line="62"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>DocumentList</name>
    <message>
        <location filename="../close_dialog.py" line="48"/>
        <source>%1 number</source>
        <translation>Número de %1</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="49"/>
        <source>number</source>
        <translation>número</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="51"/>
        <source>%1 amount</source>
        <translation>Monto de %1</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="52"/>
        <source>amount, Enter adds</source>
        <translation>monto, Enter agrega</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="73"/>
        <source>amount of %1</source>
        <translation>monto de %1</translation>
    </message>
</context>
<context>
    <name>DrawerActions</name>
    <message>
        <location filename="../drawer_actions.py" line="32"/>
        <source>Void a receipt</source>
        <translation>Anular un recibo</translation>
    </message>
    <message>
        <location filename="../drawer_actions.py" line="33"/>
        <source>Reprint a receipt</source>
        <translation>Reimprimir un recibo</translation>
    </message>
    <message>
        <location filename="../drawer_actions.py" line="34"/>
        <source>No sale (open drawer)</source>
        <translation>Sin venta (abrir caja)</translation>
    </message>
    <message>
        <location filename="../drawer_actions.py" line="35"/>
        <source>Cash drop</source>
        <translation>Retiro de efectivo</translation>
    </message>
    <message>
        <location filename="../drawer_actions.py" line="36"/>
        <source>Paid-out</source>
        <translation>Pago de caja</translation>
    </message>
    <message>
        <location filename="../drawer_actions.py" line="37"/>
        <source>Relief handoff</source>
        <translation>Entrega al relevo</translation>
    </message>
    <message>
        <location filename="../drawer_actions.py" line="38"/>
        <source>Close drawer</source>
        <translation>Cerrar caja</translation>
    </message>
    <message>
        <location filename="../drawer_actions.py" line="70"/>
        <source>&amp;Drawer</source>
        <translation>&amp;Caja</translation>
    </message>
    <message>
        <location filename="../drawer_actions.py" line="102"/>
        <source>Receipt %1 voided.</source>
        <translation>Recibo %1 anulado.</translation>
    </message>
    <message>
        <location filename="../drawer_actions.py" line="112"/>
        <source>Receipt %1 reprinted as a COPY.</source>
        <translation>Recibo %1 reimpreso como COPIA.</translation>
    </message>
    <message>
        <location filename="../drawer_actions.py" line="122"/>
        <source>Dropped %1.</source>
        <translation>Retirado %1.</translation>
    </message>
    <message>
        <location filename="../drawer_actions.py" line="127"/>
        <source>Paid out %1.</source>
        <translation>Pagado %1.</translation>
    </message>
    <message>
        <location filename="../drawer_actions.py" line="138"/>
        <source>Finish the sale (F12) or cancel it (Ctrl+N) before handing the drawer over.</source>
        <translation>Termine la venta (F12) o cancélela (Ctrl+N) antes de entregar la caja.</translation>
    </message>
</context>
<context>
    <name>DropDialog</name>
    <message>
        <location filename="../drawer_dialogs.py" line="122"/>
        <source>Cash drop</source>
        <translation>Retiro de efectivo</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="123"/>
        <source>Count the cash going to the safe; a second person witnesses (C8).</source>
        <translation>Cuente el efectivo que va a la caja fuerte; una segunda persona es testigo (C8).</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="124"/>
        <source>Drop</source>
        <translation>Retirar</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="131"/>
        <source>Witness</source>
        <translation>Testigo</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="132"/>
        <source>Drop of %1: the witness counts it too.</source>
        <translation>Retiro de %1: el testigo también lo cuenta.</translation>
    </message>
</context>
<context>
    <name>HandoffDialog</name>
    <message>
        <location filename="../handoff_dialog.py" line="24"/>
        <source>Relief handoff</source>
        <translation>Entrega al relevo</translation>
    </message>
    <message>
        <location filename="../handoff_dialog.py" line="25"/>
        <source>Count everything in drawer %1 together with the relief cashier, who then signs with their id and PIN. What was expected is shown only after the count is in.</source>
        <translation>Cuente todo lo que hay en la caja %1 junto con el cajero de relevo, que luego firma con su usuario y PIN. Lo esperado se muestra solo después de registrar el conteo.</translation>
    </message>
    <message>
        <location filename="../handoff_dialog.py" line="28"/>
        <source>Hand over</source>
        <translation>Entregar</translation>
    </message>
    <message>
        <location filename="../handoff_dialog.py" line="32"/>
        <source>Handoff result</source>
        <translation>Resultado de la entrega</translation>
    </message>
    <message>
        <location filename="../handoff_dialog.py" line="41"/>
        <source>Checks</source>
        <translation>Cheques</translation>
    </message>
    <message>
        <location filename="../handoff_dialog.py" line="42"/>
        <source>Money orders</source>
        <translation>Giros postales</translation>
    </message>
    <message>
        <location filename="../handoff_dialog.py" line="63"/>
        <source>Relief cashier signs</source>
        <translation>Firma del cajero de relevo</translation>
    </message>
    <message>
        <location filename="../handoff_dialog.py" line="64"/>
        <source>Drawer %1: cash %2, checks %3, money orders %4. The relief cashier signs for this count.</source>
        <translation>Caja %1: efectivo %2, cheques %3, giros postales %4. El cajero de relevo firma por este conteo.</translation>
    </message>
    <message>
        <location filename="../handoff_dialog.py" line="69"/>
        <source>Sign</source>
        <translation>Firmar</translation>
    </message>
    <message>
        <location filename="../handoff_dialog.py" line="70"/>
        <source>Relief cashier user id</source>
        <translation>Usuario del cajero de relevo</translation>
    </message>
    <message>
        <location filename="../handoff_dialog.py" line="71"/>
        <source>Relief cashier PIN</source>
        <translation>PIN del cajero de relevo</translation>
    </message>
    <message>
        <location filename="../handoff_dialog.py" line="87"/>
        <source>Drawer %1 is handed to %2. %3&apos;s session waits for a supervisor&apos;s approval; any over/short needs a note.</source>
        <translation>La caja %1 se entregó a %2. El turno de %3 espera la aprobación de un supervisor; todo sobrante o faltante necesita una nota.</translation>
    </message>
    <message>
        <location filename="../handoff_dialog.py" line="92"/>
        <source>Continue as %1</source>
        <translation>Continuar como %1</translation>
    </message>
</context>
<context>
    <name>ItemEntry</name>
    <message>
        <location filename="../cart.py" line="90"/>
        <source>&amp;Item (F3)</source>
        <translation>&amp;Concepto (F3)</translation>
    </message>
    <message>
        <location filename="../cart.py" line="90"/>
        <source>Qty</source>
        <translation>Cant.</translation>
    </message>
    <message>
        <location filename="../cart.py" line="91"/>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <location filename="../cart.py" line="91"/>
        <location filename="../cart.py" line="97"/>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <location filename="../cart.py" line="94"/>
        <source>Item code</source>
        <translation>Código de concepto</translation>
    </message>
    <message>
        <location filename="../cart.py" line="95"/>
        <source>Quantity</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <location filename="../cart.py" line="96"/>
        <source>Keyed price</source>
        <translation>Precio ingresado</translation>
    </message>
    <message>
        <location filename="../cart.py" line="119"/>
        <source>keyed</source>
        <translation>ingresado</translation>
    </message>
    <message>
        <location filename="../cart.py" line="120"/>
        <source>needs %1</source>
        <translation>necesita %1</translation>
    </message>
    <message>
        <location filename="../cart.py" line="133"/>
        <source>no item %1</source>
        <translation>no existe el concepto %1</translation>
    </message>
    <message>
        <location filename="../cart.py" line="158"/>
        <source>quantity must be at least 1</source>
        <translation>la cantidad debe ser al menos 1</translation>
    </message>
    <message>
        <location filename="../cart.py" line="161"/>
        <source>price of %1</source>
        <translation>precio de %1</translation>
    </message>
</context>
<context>
    <name>LookupPanel</name>
    <message>
        <location filename="../lookup.py" line="65"/>
        <source>&amp;Find account (F2): number, name or address words, or scan</source>
        <translation>&amp;Buscar cuenta (F2): número, nombre o dirección, o escanear</translation>
    </message>
    <message>
        <location filename="../lookup.py" line="66"/>
        <source>Find account</source>
        <translation>Buscar cuenta</translation>
    </message>
    <message>
        <location filename="../lookup.py" line="67"/>
        <source>Accounts found</source>
        <translation>Cuentas encontradas</translation>
    </message>
    <message>
        <location filename="../lookup.py" line="68"/>
        <source>Read stub scanner (F4)</source>
        <translation>Leer escáner de talones (F4)</translation>
    </message>
    <message>
        <location filename="../lookup.py" line="69"/>
        <source>Read stub scanner</source>
        <translation>Leer escáner de talones</translation>
    </message>
    <message>
        <location filename="../lookup.py" line="102"/>
        <source>No account matches.</source>
        <translation>Ninguna cuenta coincide.</translation>
    </message>
    <message>
        <location filename="../lookup.py" line="142"/>
        <source>Scan the bill stub…</source>
        <translation>Escanee el talón de la factura…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="84"/>
        <source>Cashier</source>
        <translation>Cajero</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="85"/>
        <source>&amp;Session</source>
        <translation>&amp;Sesión</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="86"/>
        <source>Lock screen</source>
        <translation>Bloquear pantalla</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="87"/>
        <source>Español / English</source>
        <translation>English / Español</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="88"/>
        <location filename="../main_window.py" line="139"/>
        <source>Supervisor console</source>
        <translation>Consola del supervisor</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="89"/>
        <source>Remittance batches</source>
        <translation>Lotes de remesas</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="140"/>
        <source>%1: your PIN opens the supervisor console; its approvals are recorded in your name.</source>
        <translation>%1: su PIN abre la consola del supervisor; las aprobaciones que haga allí quedan registradas a su nombre.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="142"/>
        <source>Open console</source>
        <translation>Abrir consola</translation>
    </message>
</context>
<context>
    <name>MoneyOrderDialog</name>
    <message>
        <location filename="../tender_dialogs.py" line="116"/>
        <source>Money order</source>
        <translation>Giro postal</translation>
    </message>
    <message>
        <location filename="../tender_dialogs.py" line="117"/>
        <source>Money order &amp;number</source>
        <translation>&amp;Número de giro postal</translation>
    </message>
    <message>
        <location filename="../tender_dialogs.py" line="117"/>
        <source>Money order number</source>
        <translation>Número de giro postal</translation>
    </message>
</context>
<context>
    <name>NewBatchDialog</name>
    <message>
        <location filename="../batch_dialogs.py" line="190"/>
        <source>New remittance batch</source>
        <translation>Nuevo lote de remesas</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="191"/>
        <source>Run the adding-machine tape first: its item count and total are what the batch must balance to. Ctrl+Enter opens it.</source>
        <translation>Saque primero la cinta de la sumadora: el lote debe cuadrar con su cantidad de partidas y su total. Ctrl+Enter lo abre.</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="193"/>
        <source>Open batch</source>
        <translation>Abrir lote</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="195"/>
        <source>Tape &amp;count (items)</source>
        <translation>&amp;Cantidad en la cinta (partidas)</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="195"/>
        <source>Tape count</source>
        <translation>Cantidad en la cinta</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="196"/>
        <source>Tape &amp;total</source>
        <translation>&amp;Total de la cinta</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="196"/>
        <source>Tape total</source>
        <translation>Total de la cinta</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="198"/>
        <source>Batch kind</source>
        <translation>Tipo de lote</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="201"/>
        <source>&amp;Kind (↑↓)</source>
        <translation>Ti&amp;po (↑↓)</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="211"/>
        <source>tape count %1 must be a whole number of items</source>
        <translation>la cantidad en la cinta %1 debe ser un número entero de partidas</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="215"/>
        <source>tape total</source>
        <translation>total de la cinta</translation>
    </message>
</context>
<context>
    <name>NoSaleDialog</name>
    <message>
        <location filename="../drawer_dialogs.py" line="102"/>
        <source>No sale</source>
        <translation>Sin venta</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="103"/>
        <source>Open the drawer without a sale: the reason is logged (C9).</source>
        <translation>Abrir la caja sin venta: el motivo queda registrado (C9).</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="104"/>
        <source>Open drawer</source>
        <translation>Abrir caja</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="105"/>
        <source>&amp;Reason</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="105"/>
        <source>No-sale reason</source>
        <translation>Motivo de apertura sin venta</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <location filename="../notice.py" line="17"/>
        <source>Refused</source>
        <translation>Rechazado</translation>
    </message>
</context>
<context>
    <name>OpenDrawerScreen</name>
    <message>
        <location filename="../open_drawer.py" line="70"/>
        <source>Open the drawer: count the float</source>
        <translation>Abrir la caja: cuente el fondo</translation>
    </message>
    <message>
        <location filename="../open_drawer.py" line="71"/>
        <source>&amp;Drawer</source>
        <translation>&amp;Caja</translation>
    </message>
    <message>
        <location filename="../open_drawer.py" line="72"/>
        <source>Drawer</source>
        <translation>Caja</translation>
    </message>
    <message>
        <location filename="../open_drawer.py" line="73"/>
        <source>Open drawer (Ctrl+Enter)</source>
        <translation>Abrir caja (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../open_drawer.py" line="74"/>
        <source>Open drawer</source>
        <translation>Abrir caja</translation>
    </message>
    <message>
        <location filename="../open_drawer.py" line="89"/>
        <source>Every drawer of terminal %1 is open for someone else.</source>
        <translation>Todas las cajas de la terminal %1 están abiertas por otra persona.</translation>
    </message>
    <message>
        <location filename="../open_drawer.py" line="97"/>
        <source>Assigned float %1</source>
        <translation>Fondo asignado %1</translation>
    </message>
    <message>
        <location filename="../open_drawer.py" line="120"/>
        <source>Supervisor override</source>
        <translation>Autorización del supervisor</translation>
    </message>
</context>
<context>
    <name>PaidOutDialog</name>
    <message>
        <location filename="../drawer_dialogs.py" line="148"/>
        <source>Paid-out</source>
        <translation>Pago de caja</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="149"/>
        <source>Cash paid out of the drawer, approved by a supervisor (C8).</source>
        <translation>Pago en efectivo desde la caja, aprobado por un supervisor (C8).</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="150"/>
        <source>Pay out</source>
        <translation>Pagar</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="151"/>
        <source>&amp;Amount</source>
        <translation>Mon&amp;to</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="151"/>
        <source>Paid-out amount</source>
        <translation>Monto del pago de caja</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="153"/>
        <source>GL account</source>
        <translation>Cuenta contable</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="156"/>
        <source>&amp;GL account</source>
        <translation>Cuenta &amp;contable</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="157"/>
        <source>&amp;Reason</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="157"/>
        <source>Paid-out reason</source>
        <translation>Motivo del pago de caja</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="162"/>
        <source>paid-out amount</source>
        <translation>monto del pago de caja</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="167"/>
        <source>Supervisor approval</source>
        <translation>Aprobación del supervisor</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="168"/>
        <source>Paid-out of %1: a supervisor approves.</source>
        <translation>Pago de caja de %1: lo aprueba un supervisor.</translation>
    </message>
</context>
<context>
    <name>PaymentScreen</name>
    <message>
        <location filename="../payment_screen.py" line="76"/>
        <source>F2 Find account · F3 Item · F4 Scan stub · F5 Cash · F6 Check · F7 Money order · F8 Card · F9 Remove last · F12 Finish · Ctrl+N New sale · Ctrl+L Lock · Ctrl+Shift+V Void · Ctrl+Shift+R Reprint · Ctrl+Shift+O No sale · Ctrl+Shift+D Drop · Ctrl+Shift+P Paid-out · Ctrl+Shift+H Relief handoff · Ctrl+Shift+C Close drawer · Ctrl+Shift+S Supervisor console (supervisors) · F11 Mail batches · Ctrl+R Retry device · Ctrl+Shift+E Español/English</source>
        <translation>F2 Buscar cuenta · F3 Concepto · F4 Escanear talón · F5 Efectivo · F6 Cheque · F7 Giro postal · F8 Tarjeta · F9 Quitar último · F12 Terminar · Ctrl+N Nueva venta · Ctrl+L Bloquear · Ctrl+Shift+V Anular · Ctrl+Shift+R Reimprimir · Ctrl+Shift+O Sin venta · Ctrl+Shift+D Retiro · Ctrl+Shift+P Pago de caja · Ctrl+Shift+H Entrega al relevo · Ctrl+Shift+C Cerrar caja · Ctrl+Shift+S Consola del supervisor (supervisores) · F11 Lotes de correo · Ctrl+R Reintentar dispositivo · Ctrl+Shift+E English/Español</translation>
    </message>
    <message>
        <location filename="../payment_screen.py" line="119"/>
        <source>A card charge is taken back only by cancelling the sale (Ctrl+N), which reverses it on the terminal.</source>
        <translation>Un cargo de tarjeta solo se deshace cancelando la venta (Ctrl+N), que lo revierte en la terminal.</translation>
    </message>
    <message>
        <location filename="../payment_screen.py" line="132"/>
        <source>a card payment&apos;s outcome is unknown: press F8 to ask the terminal first</source>
        <translation>se desconoce el resultado de un pago con tarjeta: presione F8 para preguntar primero a la terminal</translation>
    </message>
    <message>
        <location filename="../payment_screen.py" line="135"/>
        <source>Add a line first (F2 account, F3 item).</source>
        <translation>Primero agregue una línea (F2 cuenta, F3 concepto).</translation>
    </message>
    <message>
        <location filename="../payment_screen.py" line="176"/>
        <location filename="../payment_screen.py" line="201"/>
        <source>A card payment&apos;s outcome is unknown: press F8.</source>
        <translation>Se desconoce el resultado de un pago con tarjeta: presione F8.</translation>
    </message>
    <message>
        <location filename="../payment_screen.py" line="189"/>
        <source>Receipt %1 posted.</source>
        <translation>Recibo %1 registrado.</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <location filename="../correction_dialogs.py" line="430"/>
        <source>Refund a credit balance</source>
        <translation>Reembolsar un saldo a favor</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="431"/>
        <source>The account, the amount and how it is paid: Enter shows what the refund does; Ctrl+Enter asks your PIN (and for cash, the cashier&apos;s) and posts it.</source>
        <translation>La cuenta, el monto y cómo se paga: Enter muestra lo que hace el reembolso; Ctrl+Enter pide su PIN (y, en efectivo, el del cajero) y lo registra.</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="433"/>
        <source>Refund</source>
        <translation>Reembolsar</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="434"/>
        <source>&amp;Account number</source>
        <translation>&amp;Número de cuenta</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="434"/>
        <source>Account number</source>
        <translation>Número de cuenta</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="435"/>
        <source>A&amp;mount</source>
        <translation>Mon&amp;to</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="435"/>
        <source>Refund amount</source>
        <translation>Monto del reembolso</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="438"/>
        <source>Paid by</source>
        <translation>Forma de pago</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="439"/>
        <source>Check (accounts payable)</source>
        <translation>Cheque (cuentas por pagar)</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="441"/>
        <source>Cash from drawer %1, paid out by %2</source>
        <translation>Efectivo de la caja %1, lo entrega %2</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="443"/>
        <source>&amp;Paid by (↑↓)</source>
        <translation>&amp;Forma de pago (↑↓)</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="445"/>
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="445"/>
        <source>Account being refunded</source>
        <translation>Cuenta que se reembolsa</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="461"/>
        <source>refund</source>
        <translation>reembolso</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="477"/>
        <source>Cashier pays out</source>
        <translation>El cajero entrega el efectivo</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="478"/>
        <source>%1 pays %2 in cash out of drawer %3: their PIN.</source>
        <translation>%1 entrega %2 en efectivo de la caja %3: su PIN.</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="485"/>
        <source>%1 pays %2 in cash from drawer %3; the drawer&apos;s expected cash is %2 lower.</source>
        <translation>%1 entrega %2 en efectivo de la caja %3; el efectivo esperado de la caja baja %2.</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="488"/>
        <source>%1 of account %2&apos;s credit goes to refunds payable; accounts payable sends a check to %3, %4.</source>
        <translation>%1 del crédito de la cuenta %2 pasa a reembolsos por pagar; cuentas por pagar envía un cheque a %3, %4.</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="494"/>
        <source>Cash refund posted: %1 from account %2, paid out of drawer %3 by %4.</source>
        <translation>Reembolso en efectivo registrado: %1 de la cuenta %2, entregado de la caja %3 por %4.</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="497"/>
        <source>Refund posted: %1 from account %2, by check through accounts payable.</source>
        <translation>Reembolso registrado: %1 de la cuenta %2, por cheque a través de cuentas por pagar.</translation>
    </message>
</context>
<context>
    <name>RemoveEntryDialog</name>
    <message>
        <location filename="../batch_dialogs.py" line="244"/>
        <source>Remove a remittance</source>
        <translation>Quitar una remesa</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="245"/>
        <source>Remittance %1 of batch %2: account %3, check %4 for %5. Why does it come out of the batch? Ctrl+Enter removes it.</source>
        <translation>Remesa %1 del lote %2: cuenta %3, cheque %4 por %5. ¿Por qué sale del lote? Ctrl+Enter la quita.</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="249"/>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="253"/>
        <source>&amp;Reason</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <location filename="../batch_dialogs.py" line="253"/>
        <source>Reason for removing</source>
        <translation>Motivo para quitarla</translation>
    </message>
</context>
<context>
    <name>ReprintDialog</name>
    <message>
        <location filename="../drawer_dialogs.py" line="78"/>
        <source>Reprint a receipt</source>
        <translation>Reimprimir un recibo</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="79"/>
        <source>Pick the receipt: the copy is printed marked COPY and the reprint is logged (C10).</source>
        <translation>Elija el recibo: la copia se imprime marcada COPIA y la reimpresión queda registrada (C10).</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="80"/>
        <source>Reprint</source>
        <translation>Reimprimir</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="81"/>
        <source>Receipts of this drawer</source>
        <translation>Recibos de esta caja</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="82"/>
        <source>&amp;Receipt</source>
        <translation>&amp;Recibo</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="88"/>
        <source>There is no receipt to reprint in this drawer.</source>
        <translation>No hay ningún recibo que reimprimir en esta caja.</translation>
    </message>
</context>
<context>
    <name>ReturnedCheckDialog</name>
    <message>
        <location filename="../correction_dialogs.py" line="347"/>
        <source>Returned check (NSF)</source>
        <translation>Cheque devuelto (sin fondos)</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="348"/>
        <source>The receipt paid by the returned check: Enter shows it and what returning the check does; Ctrl+Enter asks your PIN and posts it.</source>
        <translation>El recibo pagado con el cheque devuelto: Enter lo muestra junto con lo que hace la devolución; Ctrl+Enter pide su PIN y la registra.</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="350"/>
        <source>Return the check</source>
        <translation>Registrar cheque devuelto</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="351"/>
        <source>&amp;Receipt number</source>
        <translation>Número de &amp;recibo</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="351"/>
        <source>Receipt number</source>
        <translation>Número de recibo</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="352"/>
        <source>NSF &amp;fee (blank: the office&apos;s fee)</source>
        <translation>Cargo por cheque sin &amp;fondos (vacío: el de la oficina)</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="352"/>
        <location filename="../correction_dialogs.py" line="366"/>
        <source>NSF fee</source>
        <translation>Cargo por cheque sin fondos</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="354"/>
        <source>Receipt</source>
        <translation>Recibo</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="354"/>
        <source>Receipt being corrected</source>
        <translation>Recibo que se corrige</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="372"/>
        <source>The check of %1 comes back unpaid: account %2 owes it again, with an NSF fee of %3.</source>
        <translation>El cheque de %1 vuelve sin pagar: la cuenta %2 lo vuelve a adeudar, con un cargo por cheque sin fondos de %3.</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="377"/>
        <source>Returned check posted: receipt %1, %2 charged back to account %3, fee %4.</source>
        <translation>Cheque devuelto registrado: recibo %1, %2 cargado de nuevo a la cuenta %3, cargo %4.</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="380"/>
        <source>The account is cash only (C16).</source>
        <translation>La cuenta es de solo efectivo (C16).</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <location filename="../sign_in.py" line="65"/>
        <source>Locked: %1</source>
        <translation>Bloqueado: %1</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="67"/>
        <source>Sign in again to go on. Another user may sign in; the sale in progress is kept for %1.</source>
        <translation>Inicie sesión de nuevo para seguir. Otro usuario puede iniciar sesión; la venta en curso se guarda para %1.</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="70"/>
        <location filename="../sign_in.py" line="77"/>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="71"/>
        <source>Your user id, Enter, then your PIN, Enter.</source>
        <translation>Su usuario, Enter, luego su PIN, Enter.</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="72"/>
        <source>&amp;User id</source>
        <translation>&amp;Usuario</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="73"/>
        <source>&amp;PIN</source>
        <translation>&amp;PIN</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="74"/>
        <source>User id</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="75"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="76"/>
        <source>Sign in (Enter)</source>
        <translation>Iniciar sesión (Enter)</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../status_bar.py" line="43"/>
        <source>Retry device job</source>
        <translation>Reintentar trabajo del dispositivo</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="71"/>
        <source>Retry (Ctrl+R)</source>
        <translation>Reintentar (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="88"/>
        <source>Sync: local only</source>
        <translation>Sincronización: solo local</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="76"/>
        <source>Cashier: %1</source>
        <translation>Cajero: %1</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="77"/>
        <source>signed out</source>
        <translation>sin sesión</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="78"/>
        <source>Drawer: %1</source>
        <translation>Caja: %1</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="78"/>
        <source>not open</source>
        <translation>sin abrir</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="79"/>
        <source>Terminal: %1</source>
        <translation>Terminal: %1</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="80"/>
        <source>Business date: %1</source>
        <translation>Fecha contable: %1</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="93"/>
        <source>Sync: online</source>
        <translation>Sincronización: en línea</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="95"/>
        <source>%1 waiting</source>
        <translation>%1 en espera</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="97"/>
        <source>Sync: OFFLINE · %1 waiting</source>
        <translation>Sincronización: SIN CONEXIÓN · %1 en espera</translation>
    </message>
</context>
<context>
    <name>SupervisorConsole</name>
    <message>
        <location filename="../supervisor_console.py" line="134"/>
        <source>Supervisor console · whole office (central)</source>
        <translation>Consola del supervisor · toda la oficina (central)</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="135"/>
        <source>Supervisor console</source>
        <translation>Consola del supervisor</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="136"/>
        <source>Business &amp;date</source>
        <translation>&amp;Día contable</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="137"/>
        <source>Business date</source>
        <translation>Fecha contable</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="138"/>
        <source>Drawer sessions of the day</source>
        <translation>Turnos de caja del día</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="140"/>
        <source>Drawer</source>
        <translation>Caja</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="140"/>
        <source>Cashier</source>
        <translation>Cajero</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="140"/>
        <source>Opened</source>
        <translation>Apertura</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="140"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="141"/>
        <source>%1 over/short</source>
        <translation>%1: sobrante/faltante</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="142"/>
        <source>Approved by</source>
        <translation>Aprobado por</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="143"/>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="143"/>
        <source>Approve close</source>
        <translation>Aprobar cierre</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="144"/>
        <source>Deposit</source>
        <translation>Depósito</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="144"/>
        <source>Daily Cash Report</source>
        <translation>Informe diario de caja</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="145"/>
        <source>Close business day</source>
        <translation>Cerrar día contable</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="145"/>
        <source>Drawer work</source>
        <translation>Trabajo de caja</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="146"/>
        <source>Office view</source>
        <translation>Vista de oficina</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="146"/>
        <source>Returned check</source>
        <translation>Cheque devuelto</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="147"/>
        <source>Transfer payment</source>
        <translation>Transferir pago</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="147"/>
        <source>Refund credit</source>
        <translation>Reembolsar crédito</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="148"/>
        <source>Corrections:</source>
        <translation>Correcciones:</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="153"/>
        <source>Alt+D Business date, Enter reloads · ↑↓ pick a session · F5 Refresh · F6 Approve close · F7 Deposit · F8 Daily Cash Report · F9 Close business day · F10 Drawer work · F11 Office view · F2 Returned check · F3 Transfer payment · F4 Refund credit · Ctrl+L Lock · Ctrl+Shift+E Español/English</source>
        <translation>Alt+D Día contable, Enter recarga · ↑↓ elegir un turno · F5 Actualizar · F6 Aprobar cierre · F7 Depósito · F8 Informe diario de caja · F9 Cerrar día contable · F10 Trabajo de caja · F11 Vista de oficina · F2 Cheque devuelto · F3 Transferir pago · F4 Reembolsar crédito · Ctrl+L Bloquear · Ctrl+Shift+E English/Español</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="171"/>
        <source>Type the business date as YYYY-MM-DD.</source>
        <translation>Ingrese la fecha contable como AAAA-MM-DD.</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="216"/>
        <source>Day closed</source>
        <translation>Día cerrado</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="217"/>
        <source>Day open</source>
        <translation>Día abierto</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="221"/>
        <source>open</source>
        <translation>abierto</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="222"/>
        <source>handed to %1</source>
        <translation>entregado a %1</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="223"/>
        <source>closed</source>
        <translation>cerrado</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="224"/>
        <source>%1, waiting for approval</source>
        <translation>%1, en espera de aprobación</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="238"/>
        <source>There is no session to approve on this day.</source>
        <translation>No hay ningún turno que aprobar en este día.</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="242"/>
        <source>%1 is still open: a session is approved after its close or handoff.</source>
        <translation>El turno %1 sigue abierto: se aprueba después de su cierre o de su entrega al relevo.</translation>
    </message>
    <message>
        <location filename="../supervisor_console.py" line="245"/>
        <source>%1 is already approved by %2.</source>
        <translation>El turno %1 ya lo aprobó %2.</translation>
    </message>
</context>
<context>
    <name>TenderDialog</name>
    <message>
        <location filename="../tender_dialogs.py" line="48"/>
        <location filename="../tender_dialogs.py" line="49"/>
        <source>Take tender</source>
        <translation>Aceptar pago</translation>
    </message>
</context>
<context>
    <name>TenderPanel</name>
    <message>
        <location filename="../tender_panel.py" line="76"/>
        <source>Cash</source>
        <translation>Efectivo</translation>
    </message>
    <message>
        <location filename="../tender_panel.py" line="76"/>
        <source>Check</source>
        <translation>Cheque</translation>
    </message>
    <message>
        <location filename="../tender_panel.py" line="77"/>
        <source>Money order</source>
        <translation>Giro postal</translation>
    </message>
    <message>
        <location filename="../tender_panel.py" line="77"/>
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <location filename="../tender_panel.py" line="81"/>
        <source>&amp;Amount tendered (blank = amount due)</source>
        <translation>&amp;Monto entregado (vacío = monto adeudado)</translation>
    </message>
    <message>
        <location filename="../tender_panel.py" line="82"/>
        <source>Amount tendered</source>
        <translation>Monto entregado</translation>
    </message>
    <message>
        <location filename="../tender_panel.py" line="83"/>
        <source>F12  Finish and print receipt</source>
        <translation>F12  Terminar e imprimir recibo</translation>
    </message>
    <message>
        <location filename="../tender_panel.py" line="84"/>
        <source>Finish and print receipt</source>
        <translation>Terminar e imprimir recibo</translation>
    </message>
    <message>
        <location filename="../tender_panel.py" line="85"/>
        <source>Change due</source>
        <translation>Cambio a devolver</translation>
    </message>
    <message>
        <location filename="../tender_panel.py" line="95"/>
        <source>Total %1</source>
        <translation>Total %1</translation>
    </message>
    <message>
        <location filename="../tender_panel.py" line="96"/>
        <source>Tendered %1</source>
        <translation>Entregado %1</translation>
    </message>
    <message>
        <location filename="../tender_panel.py" line="97"/>
        <source>Due %1</source>
        <translation>Pendiente %1</translation>
    </message>
    <message>
        <location filename="../tender_panel.py" line="108"/>
        <source>Change %1</source>
        <translation>Cambio %1</translation>
    </message>
    <message>
        <location filename="../tender_panel.py" line="115"/>
        <source>amount tendered</source>
        <translation>monto entregado</translation>
    </message>
</context>
<context>
    <name>Tenders</name>
    <message>
        <location filename="../supervisor_dialogs.py" line="32"/>
        <source>Cash</source>
        <translation>Efectivo</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="33"/>
        <source>Checks</source>
        <translation>Cheques</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="34"/>
        <source>Money orders</source>
        <translation>Giros postales</translation>
    </message>
    <message>
        <location filename="../supervisor_dialogs.py" line="35"/>
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../correction_dialogs.py" line="388"/>
        <source>Transfer a payment</source>
        <translation>Transferir un pago</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="389"/>
        <source>The receipt keyed on the wrong account, then the account it was meant for: Enter shows what the transfer does; Ctrl+Enter asks your PIN and posts it.</source>
        <translation>El recibo registrado en la cuenta equivocada y luego la cuenta a la que iba: Enter muestra lo que hace la transferencia; Ctrl+Enter pide su PIN y la registra.</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="392"/>
        <source>Transfer</source>
        <translation>Transferir</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="393"/>
        <source>&amp;Receipt number</source>
        <translation>Número de &amp;recibo</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="393"/>
        <source>Receipt number</source>
        <translation>Número de recibo</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="394"/>
        <source>&amp;To account</source>
        <translation>&amp;A la cuenta</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="394"/>
        <source>Account to transfer to</source>
        <translation>Cuenta de destino</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="396"/>
        <source>Receipt</source>
        <translation>Recibo</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="396"/>
        <source>Receipt being corrected</source>
        <translation>Recibo que se corrige</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="414"/>
        <source>%1 moves from account %2 to account %3 and is applied there as a payment would be.</source>
        <translation>%1 pasa de la cuenta %2 a la cuenta %3 y se aplica allí como un pago.</translation>
    </message>
    <message>
        <location filename="../correction_dialogs.py" line="419"/>
        <source>Payment of receipt %1 transferred: %2 from account %3 to %4.</source>
        <translation>Pago del recibo %1 transferido: %2 de la cuenta %3 a la %4.</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <location filename="../drawer_dialogs.py" line="41"/>
        <source>Void a receipt</source>
        <translation>Anular un recibo</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="42"/>
        <source>Pick the receipt, give the reason; a supervisor who did not take it approves.</source>
        <translation>Elija el recibo y el motivo; lo aprueba un supervisor que no lo cobró.</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="43"/>
        <source>Void</source>
        <translation>Anular</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="44"/>
        <source>Receipts of this drawer</source>
        <translation>Recibos de esta caja</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="45"/>
        <source>&amp;Receipt</source>
        <translation>&amp;Recibo</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="46"/>
        <source>R&amp;eason</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="46"/>
        <source>Void reason</source>
        <translation>Motivo de la anulación</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="53"/>
        <source>There is no receipt to void in this drawer.</source>
        <translation>No hay ningún recibo que anular en esta caja.</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="56"/>
        <source>a void needs a reason (C3)</source>
        <translation>una anulación necesita un motivo (C3)</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="60"/>
        <source>Supervisor approval</source>
        <translation>Aprobación del supervisor</translation>
    </message>
    <message>
        <location filename="../drawer_dialogs.py" line="61"/>
        <source>Void %1: a supervisor who did not take it approves.</source>
        <translation>Anular %1: lo aprueba un supervisor que no lo cobró.</translation>
    </message>
</context>
</TS>
